package dev.switchboard.api.poll;

import dev.switchboard.api.config.ApiProperties;
import dev.switchboard.api.web.ApiException;
import dev.switchboard.api.web.ErrorCode;
import dev.switchboard.api.web.Ids;
import dev.switchboard.contracts.Topology;
import dev.switchboard.contracts.messages.Delivery;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpIOException;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.stereotype.Service;

/**
 * Serves one poll of a participant's messages. Stateless and thread-safe; each poll runs on its
 * request's (virtual) thread with its own channel. The state lives in the {@code polls}
 * document (acknowledged seq and lease) and in the queue itself, so any api instance can serve
 * any poll:
 *
 * <ol>
 *   <li>take the participant's lease (one poll at a time, across instances, else 409); it is
 *       short and renewed while the poll waits, so that a poll on an instance that dies keeps
 *       the participant's next poll out only briefly;
 *   <li>acknowledge: if {@code after} is beyond the acknowledged seq, record it, then remove
 *       that many messages from the head of the queue;
 *   <li>peek: read up to a page of messages, number them from the acknowledged seq on, and put
 *       them back in place: a message leaves the queue only once a later poll acknowledges it;
 *   <li>if there was nothing and the client is willing to wait, wait for a message (renewing the
 *       lease; if it was lost, answer nothing) and peek;
 *   <li>close the channel, then release the lease.
 * </ol>
 *
 * <p>The acknowledged seq is recorded before the messages are removed: if the instance dies
 * between the two, the next poll sees those messages again under new numbers (a duplicate),
 * whereas the other order could lose them.
 */
@Service
public class PollService {
  private static final Logger log = LoggerFactory.getLogger(PollService.class);

  private final ConnectionFactory connectionFactory;
  private final PollLeases leases;
  private final MessageNumbering numbering;
  private final ApiProperties properties;
  private final PollMetrics metrics;
  private final Clock clock;
  private final PollDrain drain;

  public PollService(ConnectionFactory connectionFactory, PollLeases leases, MessageNumbering numbering,
      ApiProperties properties, PollMetrics metrics, Clock clock, PollDrain drain) {
    this.drain = drain;
    this.connectionFactory = connectionFactory;
    this.leases = leases;
    this.numbering = numbering;
    this.properties = properties;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * The participant's messages after {@code after}, waiting up to {@code wait} (capped at the
   * configured maximum) when there are none yet.
   */
  public List<Delivery> poll(String participantId, long after, Duration wait) {
    Duration cappedWait = wait.compareTo(properties.maxPollWait()) > 0 ? properties.maxPollWait() : wait;
    Timer.Sample sample = metrics.start();
    String outcome = "failed";
    try {
      List<Delivery> deliveries = pollQueue(participantId, after, cappedWait);
      outcome = deliveries.isEmpty() ? "empty" : "messages";
      metrics.delivered(deliveries.size());
      return deliveries;
    } catch (ApiException e) {
      outcome = e.code() == ErrorCode.POLL_IN_PROGRESS ? "conflict" : "not_found";
      throw e;
    } finally {
      metrics.stop(sample, outcome);
    }
  }

  private List<Delivery> pollQueue(String participantId, long after, Duration wait) {
    UserQueue queue;
    try {
      // Checked first, so a poll of an unknown participant leaves no trace in MongoDB.
      queue = UserQueue.open(connectionFactory, Topology.userQueue(participantId));
    } catch (UserQueue.QueueMissingException e) {
      throw participantNotFound(participantId);
    }
    metrics.queueDepth(queue.depthAtOpen());
    String owner = Ids.random();
    boolean leased = false;
    try {
      Instant now = clock.instant();
      long acked = leases.acquire(participantId, owner, now, now.plus(properties.pollLease()));
      leased = true;
      if (after > acked) {
        if (!leases.advance(participantId, owner, after, clock.instant())) {
          throw PollLeases.inProgress();
        }
        long removed = queue.remove(after - acked);
        metrics.acknowledged(removed);
        if (removed < after - acked) {
          // Only a client acknowledging messages it never received gets here.
          log.warn("Participant {} acknowledged up to {} but only {} messages were waiting after {}",
              participantId, after, removed, acked);
        }
        acked = after;
      }
      int max = properties.maxMessagesPerPoll();
      List<byte[]> bodies = queue.peek(max);
      if (bodies.isEmpty() && wait.isPositive()
          && queue.awaitMessage(wait, properties.pollLeaseRenewal(), () -> renew(participantId, owner), drain)) {
        bodies = queue.peek(max);
      }
      return numbering.number(acked, bodies);
    } catch (IOException e) {
      if (UserQueue.isQueueGone(e)) {
        // Deleted while we polled (the session ended): the same answer as before it existed.
        throw participantNotFound(participantId);
      }
      throw new AmqpIOException(e);
    } finally {
      // Closing first: once the lease is free another poll may start, and it must find every
      // message we did not remove back in the queue.
      queue.close();
      if (leased) {
        releaseQuietly(participantId, owner);
      }
    }
  }

  /** Renews a waiting poll's lease; false (stop waiting, answer nothing) when it is lost or cannot be renewed. */
  private boolean renew(String participantId, String owner) {
    Instant now = clock.instant();
    try {
      return leases.renew(participantId, owner, now, now.plus(properties.pollLease()));
    } catch (RuntimeException e) {
      // MongoDB unreachable: the lease may expire under us, so numbering messages would be unsafe.
      log.warn("Could not renew the poll lease of {}: {}", participantId, e.toString());
      return false;
    }
  }

  private static ApiException participantNotFound(String participantId) {
    return new ApiException(ErrorCode.PARTICIPANT_NOT_FOUND,
        "No participant '" + participantId + "' (its queue expired or never existed); join again");
  }

  private void releaseQuietly(String participantId, String owner) {
    try {
      leases.release(participantId, owner, clock.instant());
    } catch (RuntimeException e) {
      // The lease then simply expires.
      log.warn("Could not release the poll lease of {}: {}", participantId, e.toString());
    }
  }
}
