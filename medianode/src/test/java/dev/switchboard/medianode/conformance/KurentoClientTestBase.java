package dev.switchboard.medianode.conformance;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.medianode.support.RunningNode;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.kurento.client.KurentoClient;
import org.kurento.client.internal.server.KurentoServerException;

/**
 * Starts one medianode and one official {@code KurentoClient} 7.3.0 per test class: every
 * conformance test talks to us exactly as a Kurento application would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KurentoClientTestBase {
  protected RunningNode running;
  protected KurentoClient kurento;

  @BeforeAll
  void startNode() {
    running = new RunningNode();
    kurento = KurentoClient.create(running.node.url().toString());
  }

  @AfterAll
  void stopNode() {
    if (kurento != null) {
      kurento.destroy();
    }
    running.close();
  }

  /** The call fails with this KMS error code, surfaced by the client as KurentoServerException. */
  static void assertKurentoError(int code, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(KurentoServerException.class,
            e -> org.assertj.core.api.Assertions.assertThat(e.getCode()).as(e.getServerMessage()).isEqualTo(code));
  }
}
