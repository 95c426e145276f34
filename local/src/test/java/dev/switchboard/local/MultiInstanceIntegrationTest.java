package dev.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.messages.Answer;
import dev.switchboard.contracts.messages.ExistingParticipants;
import dev.switchboard.contracts.messages.IceCandidateFound;
import dev.switchboard.contracts.messages.ParticipantJoined;
import dev.switchboard.contracts.messages.ParticipantMessage;
import dev.switchboard.contracts.messages.RequestFailed;
import dev.switchboard.local.support.Fixtures;
import dev.switchboard.local.support.Metrics;
import dev.switchboard.local.support.TestCluster;
import dev.switchboard.local.support.TestParticipant;
import dev.switchboard.webrtc.sdp.SessionDescription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 3's acceptance scenario through the REST API: 2 api and 3 wrapper instances, the real
 * RabbitMQ, the embedded MongoDB and a medianode; two sessions of four people who each publish
 * and receive everyone else, exactly like Kurento's group-call.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiInstanceIntegrationTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private TestCluster cluster;

  @BeforeAll
  void start() {
    cluster = new TestCluster(2, 3);
  }

  @AfterAll
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void twoSessionsOfFour_everyPublishAndReceiveIsAnswered_acrossAllInstances() {
    int objectsBefore = cluster.mediaNode.objectCount();
    List<List<TestParticipant>> sessions = new ArrayList<>();
    for (int s = 0; s < 2; s++) {
      String sid = cluster.client.createSession(cluster.apiUrl(s));
      List<TestParticipant> people = new ArrayList<>();
      for (int p = 0; p < 4; p++) {
        TestParticipant joined = TestParticipant.join(cluster, p, sid, "s" + s + "-p" + p);
        joined.await(ExistingParticipants.class, e -> true, TIMEOUT);
        people.add(joined);
      }
      sessions.add(people);
    }

    for (List<TestParticipant> people : sessions) {
      for (TestParticipant p : people) {
        p.offer(p.participantId, Fixtures.chromiumOffer("sendonly"));
        for (TestParticipant other : people) {
          if (other != p) {
            p.offer(other.participantId, Fixtures.chromiumOffer("recvonly"));
          }
        }
      }
      for (TestParticipant p : people) {
        for (TestParticipant target : people) {
          Answer answer = p.await(Answer.class, a -> a.target().equals(target.participantId), TIMEOUT);
          SessionDescription sdp = SessionDescription.parse(answer.sdp());
          assertThat(answer.sdp()).contains("a=ice-lite", "a=setup:passive", "a=fingerprint:sha-256");
          assertThat(answer.sdp()).contains(target == p ? "a=recvonly" : "a=sendonly");
          assertThat(sdp.media()).hasSize(2);
          p.await(IceCandidateFound.class, c -> c.target().equals(target.participantId)
              && c.candidate().startsWith("candidate:"), TIMEOUT);
        }
      }
    }

    for (List<TestParticipant> people : sessions) {
      Set<String> ids = people.stream().map(p -> p.participantId).collect(Collectors.toSet());
      for (int i = 0; i < people.size(); i++) {
        TestParticipant p = people.get(i);
        // The fanout reached everyone: each saw every later joiner arrive.
        for (TestParticipant later : people.subList(i + 1, people.size())) {
          p.await(ParticipantJoined.class, j -> j.participantId().equals(later.participantId), TIMEOUT);
        }
        // Direct messages only reached their own participant, and nothing leaked across sessions.
        assertThat(p.receivedOf(Answer.class)).extracting(Answer::target).hasSize(4).allMatch(ids::contains);
        assertThat(p.receivedOf(IceCandidateFound.class)).extracting(IceCandidateFound::target).allMatch(ids::contains);
        assertThat(p.receivedOf(ParticipantJoined.class)).extracting(ParticipantJoined::participantId).allMatch(ids::contains);
        assertThat(p.receivedOf(RequestFailed.class)).isEmpty();
      }
    }

    // One pipeline per session, one publisher per person, one receiver per (viewer, source).
    assertThat(cluster.mediaNode.objectCount() - objectsBefore).isEqualTo(2 * (1 + 4 + 4 * 3));
    for (ConfigurableApplicationContext wrapper : cluster.wrappers) {
      assertThat(Metrics.commandsHandled(wrapper)).as("commands handled by every wrapper").isPositive();
    }
    for (ConfigurableApplicationContext api : cluster.apis) {
      assertThat(Metrics.requestsServed(api, "messages")).as("polls served by every api").isPositive();
    }
    for (List<TestParticipant> people : sessions) {
      assertThat(cluster.client.session(cluster.apiUrl(1), people.getFirst().sessionId).participants()).hasSize(4);
    }
  }

  @Test
  void participantMessagesAreNumberedWithoutGapsAcrossApiInstances() {
    String sid = cluster.client.createSession(cluster.apiUrl(0));
    TestParticipant a = TestParticipant.join(cluster, 0, sid, "a");
    a.await(ExistingParticipants.class, e -> true, TIMEOUT);
    List<TestParticipant> others = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      others.add(TestParticipant.join(cluster, i, sid, "o" + i));
    }
    for (TestParticipant o : others) {
      a.await(ParticipantJoined.class, j -> j.participantId().equals(o.participantId), TIMEOUT);
    }
    List<ParticipantMessage> received = a.received();
    assertThat(a.lastSeq()).isEqualTo(received.size());
  }
}
