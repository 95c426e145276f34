package dev.switchboard.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Janus starts isolated in its own namespace (its HTTP API is not on the host's loopback) and
 * leaves nothing behind. Janus missing fails under CI=true, skips elsewhere.
 */
class JanusHarnessTest {

  @Test
  void janusRunsInItsOwnNamespaceAndCloseRemovesEverything() throws Exception {
    String missing = JanusHarness.unavailableReason();
    if (missing != null) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("the Janus harness test needs Janus under CI: " + missing);
      }
      org.junit.jupiter.api.Assumptions.abort(missing);
    }
    // Another Janus on the host (e.g. Debian's service) would make the isolation check meaningless.
    boolean hostPortTaken = listening("127.0.0.1", 8088);
    String namespace;
    long pid;
    try (JanusHarness janus = JanusHarness.start()) {
      namespace = janus.namespace();
      pid = janus.pid();
      assertThat(Commands.run("ip", "netns", "list")).contains(namespace);
      assertThat(ProcessHandle.of(pid).flatMap(p -> p.info().command())).hasValueSatisfying(
          command -> assertThat(command).endsWith("janus"));
      assertThat(janus.apiUrl()).startsWith("http://10.201.");
      if (!hostPortTaken) {
        assertThat(listening("127.0.0.1", 8088)).as("janus's API on the host's loopback").isFalse();
      }
    }
    assertThat(Commands.run("ip", "netns", "list")).doesNotContain(namespace);
    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    String id = namespace.substring(namespace.lastIndexOf('-') + 1);
    assertThat(Commands.run("ip", "-o", "link", "show")).doesNotContain("sbh" + id);
  }

  @Test
  void aJanusThatFailsToStartLeavesNoNamespaceOrVethBehind() {
    String missing = JanusHarness.unavailableReason();
    if (missing != null) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("the Janus harness test needs root and iproute2 under CI: " + missing);
      }
      org.junit.jupiter.api.Assumptions.abort(missing);
    }
    assertThatThrownBy(() -> JanusHarness.start(Path.of("/bin/false")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("janus exited with 1");
    assertThat(Commands.run("ip", "netns", "list")).doesNotContain("sbns-" + ProcessHandle.current().pid() + "-");
  }

  private static boolean listening(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
