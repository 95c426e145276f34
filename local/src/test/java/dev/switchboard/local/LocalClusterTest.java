package dev.switchboard.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.contracts.messages.Delivery;
import dev.switchboard.contracts.messages.ExistingParticipants;
import dev.switchboard.contracts.rest.JoinResponse;
import dev.switchboard.local.client.ApiClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The cluster as separate processes behind the front: joins spread over both apis, every process stops. */
class LocalClusterTest {
  @TempDir
  Path dataDir;

  @Test
  @Timeout(180)
  void joinsThroughTheFrontReachBothApisAndEveryProcessStops() throws Exception {
    LocalCluster cluster = LocalCluster.start(new LocalCluster.Spec(2, 2, 1, 0, dataDir,
        BrokerChoice.LOCAL_RABBITMQ), System.out);
    List<ProcessHandle> processes = cluster.processes();
    ApiClient client = new ApiClient(cluster.applicationKey());
    try {
      String url = cluster.url();
      String sessionId = client.createSession(url);
      Set<String> answeredBy = new HashSet<>();
      try (HttpClient http = HttpClient.newHttpClient()) {
        for (int i = 0; i < 4; i++) {
          HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/api/sessions/" + sessionId))
              .header("Authorization", "Bearer " + cluster.applicationKey()).build(), HttpResponse.BodyHandlers.ofString());
          assertEquals(200, response.statusCode());
          answeredBy.add(response.headers().firstValue(ApiFront.INSTANCE_HEADER).orElseThrow());
        }
      }
      assertEquals(Set.of("api-1", "api-2"), answeredBy);
      for (int i = 0; i < 4; i++) {
        JoinResponse joined = client.join(url, sessionId, "p" + i);
        boolean existing = false;
        long after = 0;
        for (int polls = 0; polls < 5 && !existing; polls++) {
          for (Delivery d : client.poll(url, sessionId, joined.participantId(), joined.token(), after, 10)) {
            after = Math.max(after, d.seq());
            existing |= d.message() instanceof ExistingParticipants;
          }
        }
        assertTrue(existing, "participant " + i + " got no existingParticipants");
      }
    } finally {
      cluster.close();
      deleteBrokerObjects(client);
    }
    assertEquals(6, processes.size());
    for (ProcessHandle process : processes) {
      assertFalse(process.isAlive(), "process " + process.pid() + " still alive");
    }
  }

  private static void deleteBrokerObjects(ApiClient client) throws Exception {
    com.rabbitmq.client.ConnectionFactory factory = new com.rabbitmq.client.ConnectionFactory();
    factory.setHost("127.0.0.1");
    try (com.rabbitmq.client.Connection connection = factory.newConnection("test-cleanup")) {
      for (String sid : client.createdSessions) {
        dev.switchboard.local.support.TestCluster.deleteQuietly(connection,
            c -> c.queueDelete(dev.switchboard.contracts.Topology.sessionQueue(sid)));
        dev.switchboard.local.support.TestCluster.deleteQuietly(connection,
            c -> c.exchangeDelete(dev.switchboard.contracts.Topology.sessionExchange(sid)));
      }
      for (String pid : client.createdParticipants) {
        dev.switchboard.local.support.TestCluster.deleteQuietly(connection,
            c -> c.queueDelete(dev.switchboard.contracts.Topology.userQueue(pid)));
      }
    }
  }
}
