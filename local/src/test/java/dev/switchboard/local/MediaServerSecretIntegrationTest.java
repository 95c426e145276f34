package dev.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.messages.Answer;
import dev.switchboard.local.support.Fixtures;
import dev.switchboard.local.support.TestCluster;
import dev.switchboard.local.support.TestParticipant;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A medianode that requires a secret, and a wrapper given the same secret: a call is set up as
 * usual (the wrapper's kurento-client sends the secret in the URL query), and nobody without the
 * secret got in meanwhile.
 */
class MediaServerSecretIntegrationTest {
  private static final String SECRET = "cluster-medianode-secret-0123456789";

  @Test
  void aWrapperWithTheSecretDrivesASecretProtectedMedianode() throws Exception {
    try (TestCluster cluster = new TestCluster(1, 1, Map.of("switchboard.wrapper.media-server-auth.secret", SECRET),
        "--udp-port", "0", "--announced-ip", "127.0.0.1", "--secret", SECRET)) {
      String sid = cluster.client.createSession(cluster.apiUrl(0));
      TestParticipant alice = TestParticipant.join(cluster, 0, sid, "alice");

      alice.offer(alice.participantId, Fixtures.chromiumOffer("sendonly"));
      Answer answer = alice.await(Answer.class, a -> a.target().equals(alice.participantId), Duration.ofSeconds(30));

      assertThat(answer.sdp()).contains("a=fingerprint:");
      assertThat(cluster.mediaNode.refusedUpgrades()).isZero();
    }
  }
}
