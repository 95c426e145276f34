package dev.switchboard.local.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.messages.Delivery;
import dev.switchboard.contracts.messages.ParticipantMessage;
import dev.switchboard.contracts.rest.CandidateRequest;
import dev.switchboard.contracts.rest.JoinResponse;
import dev.switchboard.contracts.rest.OfferRequest;
import dev.switchboard.local.client.ApiClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A participant driven through the REST API the way the browser client does it: every call goes
 * to the next api instance in turn, polls acknowledge what they received, and every delivery's
 * seq must follow the previous one by exactly one. Not thread-safe: one thread per participant.
 */
public final class TestParticipant {
  public final String sessionId;
  public final String participantId;
  public final String token;
  public final String name;
  private final TestCluster cluster;
  private final List<ParticipantMessage> received = new ArrayList<>();
  private long acked;
  private int calls;

  private TestParticipant(TestCluster cluster, String sessionId, JoinResponse join, String name) {
    this.cluster = cluster;
    this.sessionId = sessionId;
    this.participantId = join.participantId();
    this.token = join.token();
    this.name = name;
  }

  public static TestParticipant join(TestCluster cluster, int apiIndex, String sessionId, String name) {
    return new TestParticipant(cluster, sessionId, cluster.client.join(cluster.apiUrl(apiIndex), sessionId, name), name);
  }

  private String nextApi() {
    return cluster.apiUrl(calls++);
  }

  public void offer(String target, String sdp) {
    ApiClient.Reply r = cluster.client.send(nextApi(), "POST", base() + "/offers", token, new OfferRequest(target, sdp));
    assertThat(r.status()).as(r.body()).isEqualTo(202);
  }

  public void candidate(String target, String candidate, String sdpMid, int index) {
    ApiClient.Reply r = cluster.client.send(nextApi(), "POST", base() + "/candidates", token,
        new CandidateRequest(target, candidate, sdpMid, index));
    assertThat(r.status()).as(r.body()).isEqualTo(202);
  }

  public void leave() {
    ApiClient.Reply r = cluster.client.send(nextApi(), "DELETE", base(), token, null);
    assertThat(r.status()).as(r.body()).isEqualTo(204);
  }

  /** One poll (acknowledging everything received so far); checks the numbering. */
  public List<ParticipantMessage> pollOnce(int waitSeconds) {
    List<Delivery> deliveries = cluster.client.poll(nextApi(), sessionId, participantId, token, acked, waitSeconds);
    List<ParticipantMessage> out = new ArrayList<>();
    for (Delivery d : deliveries) {
      assertThat(d.seq()).as("seq of %s after %d", name, acked).isEqualTo(acked + 1);
      acked = d.seq();
      out.add(d.message());
    }
    received.addAll(out);
    return out;
  }

  /** Polls until a message of this type matching the predicate has arrived. */
  public <T extends ParticipantMessage> T await(Class<T> type, Predicate<T> match, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int checked = 0;
    while (true) {
      for (; checked < received.size(); checked++) {
        ParticipantMessage m = received.get(checked);
        if (type.isInstance(m) && match.test(type.cast(m))) {
          return type.cast(m);
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(name + " got no matching " + type.getSimpleName() + " within " + timeout
            + "; received: " + received);
      }
      pollOnce(1);
    }
  }

  public <T extends ParticipantMessage> List<T> receivedOf(Class<T> type) {
    return received.stream().filter(type::isInstance).map(type::cast).toList();
  }

  public List<ParticipantMessage> received() {
    return List.copyOf(received);
  }

  public long lastSeq() {
    return acked;
  }

  private String base() {
    return "/api/sessions/" + sessionId + "/participants/" + participantId;
  }
}
