package dev.switchboard.loadtest.cluster;

import dev.switchboard.contracts.messages.Answer;
import dev.switchboard.contracts.messages.Delivery;
import dev.switchboard.contracts.messages.IceCandidateFound;
import dev.switchboard.contracts.messages.ParticipantMessage;
import dev.switchboard.contracts.rest.JoinResponse;
import dev.switchboard.contracts.rest.OfferRequest;
import dev.switchboard.local.client.ApiClient;
import dev.switchboard.webrtc.ice.IceCandidate;
import dev.switchboard.webrtc.peer.HeadlessPeer;
import dev.switchboard.webrtc.peer.PeerOptions;
import dev.switchboard.webrtc.peer.PeerReceivers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One participant of a call driven through the api exactly as the web client drives it: a REST
 * join, a long-poll loop acknowledging by seq, and for each connection (its own publishing one, one
 * receiving one per other participant) an offer from a {@link HeadlessPeer} (ICE, DTLS, SRTP) whose
 * answer is matched by {@code offerId}; trickled media-server candidates reach the peer that owns
 * the target. The poll loop runs on its own virtual thread; received messages are guarded by this
 * object; the other methods may be called from any thread.
 */
public final class CallParticipant implements AutoCloseable {
  /** One delivery as it arrived, with the moment ({@link System#nanoTime()}). */
  public record Received(long seq, ParticipantMessage message, long atNanos) {}

  /**
   * One negotiated connection and its milestones ({@link System#nanoTime()} values): offer posted,
   * answer received, ICE and DTLS done.
   */
  public record Connection(String target, String offerId, HeadlessPeer peer, long offerSentNanos, long answeredNanos,
                           long connectedNanos) {}

  private static final int POLL_WAIT_SECONDS = 20;

  public final String sessionId;
  public final String participantId;
  public final String name;
  /** When the join request was sent ({@link System#nanoTime()}). */
  public final long joinSentNanos;
  private final ApiClient api;
  private final String baseUrl;
  private final String token;
  private final List<Received> received = new ArrayList<>();
  private final Map<String, HeadlessPeer> peersByTarget = new ConcurrentHashMap<>();
  private long lastSeq;
  private int failedPolls;
  private volatile boolean polling;
  private Thread poller;

  private CallParticipant(ApiClient api, String baseUrl, String sessionId, JoinResponse join, String name,
      long joinSentNanos) {
    this.api = api;
    this.baseUrl = baseUrl;
    this.sessionId = sessionId;
    this.participantId = join.participantId();
    this.token = join.token();
    this.name = name;
    this.joinSentNanos = joinSentNanos;
  }

  /** Joins {@code sessionId} through the api at {@code baseUrl} and starts polling. */
  public static CallParticipant join(ApiClient api, String baseUrl, String sessionId, String name) {
    long sent = System.nanoTime();
    JoinResponse join = api.join(baseUrl, sessionId, name);
    CallParticipant participant = new CallParticipant(api, baseUrl, sessionId, join, name, sent);
    participant.startPolling();
    return participant;
  }

  /** Publishes this participant's media: offer, answer, ICE and DTLS; blocks until connected. */
  public Connection publish(PeerOptions options, PeerReceivers receivers, Duration timeout) {
    return negotiate(participantId, options, receivers, timeout);
  }

  /** Receives {@code publisherId}'s media on a new connection; blocks until connected. */
  public Connection receive(String publisherId, PeerOptions options, PeerReceivers receivers, Duration timeout) {
    return negotiate(publisherId, options, receivers, timeout);
  }

  /**
   * Offers a new connection for {@code target} (replacing any earlier peer for it, as a client does
   * after a media-server move) and connects it.
   *
   * @throws IllegalStateException when no answer arrives in time or ICE/DTLS fail
   */
  public Connection negotiate(String target, PeerOptions options, PeerReceivers receivers, Duration timeout) {
    HeadlessPeer peer = HeadlessPeer.create(options, receivers);
    HeadlessPeer previous = peersByTarget.put(target, peer);
    if (previous != null) {
      previous.close();
    }
    try {
      String offerId = UUID.randomUUID().toString();
      long sent = System.nanoTime();
      ApiClient.Reply reply = api.send(baseUrl, "POST", base() + "/offers", token,
          new OfferRequest(target, peer.createOffer(), offerId));
      if (reply.status() != 202) {
        throw new IllegalStateException("offer for " + target + " refused: HTTP " + reply.status() + " " + reply.body());
      }
      Received answer = await(Answer.class, a -> offerId.equals(a.offerId()), timeout);
      if (answer == null) {
        throw new IllegalStateException("no answer to offer " + offerId + " of " + name + " within " + timeout);
      }
      peer.acceptAnswer(((Answer) answer.message()).sdp());
      applyTrickled(target, peer);
      peer.connect();
      return new Connection(target, offerId, peer, sent, answer.atNanos(), System.nanoTime());
    } catch (RuntimeException e) {
      peersByTarget.remove(target, peer);
      peer.close();
      throw e;
    }
  }

  /** The peer currently carrying {@code target}, or null. */
  public HeadlessPeer peer(String target) {
    return peersByTarget.get(target);
  }

  /** Leaves the call (the api answers 204) and stops polling; peers stay until {@link #close}. */
  public void leave() {
    ApiClient.Reply reply = api.send(baseUrl, "DELETE", base(), token, null);
    if (reply.status() != 204 && reply.status() != 404) {
      throw new IllegalStateException("leave of " + name + " failed: HTTP " + reply.status() + " " + reply.body());
    }
    stopPolling();
  }

  /** Waits until a message of this type matching {@code match} has arrived; null when the time is up. */
  public synchronized <T extends ParticipantMessage> Received await(Class<T> type, Predicate<T> match,
      Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int checked = 0;
    while (true) {
      for (; checked < received.size(); checked++) {
        ParticipantMessage message = received.get(checked).message();
        if (type.isInstance(message) && match.test(type.cast(message))) {
          return received.get(checked);
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
  }

  /** Every delivery so far, in seq order. */
  public synchronized List<Received> received() {
    return List.copyOf(received);
  }

  /** Polls that failed (HTTP status other than 200, or I/O). */
  public synchronized int failedPolls() {
    return failedPolls;
  }

  private synchronized void startPolling() {
    polling = true;
    poller = Thread.ofVirtual().name("poll-" + name).start(() -> {
      while (polling) {
        if (!pollOnce()) {
          pause(Duration.ofMillis(200));
        }
      }
    });
  }

  private void stopPolling() {
    Thread thread;
    synchronized (this) {
      polling = false;
      thread = poller;
      poller = null;
    }
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private boolean pollOnce() {
    long after;
    synchronized (this) {
      after = lastSeq;
    }
    ApiClient.Reply reply;
    try {
      reply = api.send(baseUrl, "GET", base() + "/messages?after=" + after + "&wait=" + POLL_WAIT_SECONDS, token, null);
    } catch (RuntimeException e) {
      if (polling) {
        countFailedPoll();
      }
      return false;
    }
    if (reply.status() != 200) {
      countFailedPoll();
      return false;
    }
    Delivery[] deliveries = ApiClient.JSON.readValue(reply.body(), Delivery[].class);
    long now = System.nanoTime();
    List<IceCandidateFound> candidates = new ArrayList<>();
    synchronized (this) {
      for (Delivery delivery : deliveries) {
        if (delivery.seq() <= lastSeq) {
          continue; // a poll whose answer was lost, asked again: same numbers
        }
        lastSeq = delivery.seq();
        received.add(new Received(delivery.seq(), delivery.message(), now));
        if (delivery.message() instanceof IceCandidateFound found) {
          candidates.add(found);
        }
      }
      notifyAll();
    }
    for (IceCandidateFound found : candidates) {
      HeadlessPeer peer = peersByTarget.get(found.target());
      if (peer != null) {
        addCandidate(peer, found);
      }
    }
    return true;
  }

  /** Candidates that arrived before the peer had its answer are applied once it has it. */
  private void applyTrickled(String target, HeadlessPeer peer) {
    for (Received r : received()) {
      if (r.message() instanceof IceCandidateFound found && found.target().equals(target)) {
        addCandidate(peer, found);
      }
    }
  }

  private static void addCandidate(HeadlessPeer peer, IceCandidateFound found) {
    try {
      peer.addRemoteCandidate(IceCandidate.parse(found.candidate()));
    } catch (RuntimeException e) {
      // a candidate the headless peer cannot use (TCP, other family) is skipped, as a browser would
    }
  }

  private synchronized void countFailedPoll() {
    failedPolls++;
  }

  private String base() {
    return "/api/sessions/" + sessionId + "/participants/" + participantId;
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops polling and closes every peer; does not leave the call. */
  @Override
  public void close() {
    stopPolling();
    peersByTarget.values().forEach(HeadlessPeer::close);
    peersByTarget.clear();
  }

  @Override
  public String toString() {
    return name + "(" + participantId + ")";
  }
}
