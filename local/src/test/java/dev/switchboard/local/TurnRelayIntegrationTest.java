package dev.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.turn.TurnCredentials;
import dev.switchboard.api.turn.TurnProperties;
import dev.switchboard.contracts.rest.IceServer;
import dev.switchboard.local.support.Coturn;
import dev.switchboard.local.support.TurnTestClient;
import dev.switchboard.local.support.TurnTestClient.Outcome;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * coturn started by deploy/turn/run-coturn.sh with the shipped configuration on 127.0.0.1, and
 * credentials minted by the api's {@link TurnCredentials}: a fresh credential allocates a relay, an
 * expired or forged one does not, and the relay refuses loopback, private and metadata peers while
 * it carries data to the one peer range allowed (standing in for the medianodes). Needs Debian's
 * {@code coturn}; with CI=true its absence fails the test.
 */
class TurnRelayIntegrationTest {
  private static final String SECRET = "turn-integration-secret-0123456789abcdef";
  private static final InetSocketAddress ALLOWED_PEER = new InetSocketAddress("127.0.0.2", 0);
  private static Coturn coturn;
  private static InetSocketAddress server;
  @TempDir
  static Path dir;

  @BeforeAll
  static void startCoturn() throws Exception {
    coturn = Coturn.start(dir, SECRET, "127.0.0.2");
    server = coturn.address();
  }

  @AfterAll
  static void stopCoturn() {
    if (coturn != null) {
      coturn.close();
    }
  }

  @Test
  void aFreshCredentialAllocatesARelay() throws IOException {
    IceServer ice = mint(Clock.systemUTC());
    try (TurnTestClient client = new TurnTestClient(server, ice.username(), ice.credential())) {
      Outcome allocated = client.allocate();
      assertThat(allocated.success()).as("allocate: %s", allocated).isTrue();
    }
  }

  @Test
  void anExpiredOrForgedCredentialIsRefusedWith401() throws IOException {
    IceServer expired = mint(Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC));
    IceServer fresh = mint(Clock.systemUTC());
    try (TurnTestClient old = new TurnTestClient(server, expired.username(), expired.credential());
         TurnTestClient forged = new TurnTestClient(server, fresh.username(), "bm90IHRoZSByaWdodCBobWFj");
         TurnTestClient otherParticipant = new TurnTestClient(server, fresh.username().replace(":p-1", ":p-2"),
             fresh.credential())) {
      assertThat(old.allocate().errorCode()).isEqualTo(401);
      assertThat(forged.allocate().errorCode()).isEqualTo(401);
      assertThat(otherParticipant.allocate().errorCode()).isEqualTo(401);
    }
  }

  @Test
  void theRelayRefusesLoopbackPrivateAndMetadataPeersButCarriesDataToTheAllowedOne() throws IOException {
    IceServer ice = mint(Clock.systemUTC());
    try (TurnTestClient client = new TurnTestClient(server, ice.username(), ice.credential());
         DatagramSocket peer = new DatagramSocket(ALLOWED_PEER)) {
      assertThat(client.allocate().success()).isTrue();
      for (String forbidden : List.of("127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254",
          "100.64.0.1", "0.0.0.0", "224.0.0.1")) {
        Outcome refused = client.createPermission(new InetSocketAddress(forbidden, 9));
        assertThat(refused.success()).as("permission to %s", forbidden).isFalse();
        assertThat(refused.errorCode()).as("permission to %s", forbidden).isEqualTo(403);
      }
      InetSocketAddress allowed = new InetSocketAddress("127.0.0.2", peer.getLocalPort());
      Outcome permitted = client.createPermission(allowed);
      assertThat(permitted.success()).as("permission to the allowed peer: %s", permitted).isTrue();

      peer.setSoTimeout(3000);
      client.send(allowed, "relayed".getBytes(StandardCharsets.UTF_8));
      DatagramPacket packet = new DatagramPacket(new byte[64], 64);
      peer.receive(packet);
      assertThat(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8)).isEqualTo("relayed");
      assertThat(packet.getAddress().getHostAddress()).isEqualTo("127.0.0.1"); // from the relay, not the client
    }
  }

  private static IceServer mint(Clock clock) {
    TurnProperties properties = new TurnProperties(List.of("turn:" + server.getHostString() + ":" + server.getPort()),
        SECRET, Duration.ofMinutes(10));
    return new TurnCredentials(properties, clock).issue("p-1").iceServers().getFirst();
  }
}
