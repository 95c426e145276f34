package dev.switchboard.api.support;

import dev.switchboard.api.support.ApiClient.Participant;
import dev.switchboard.contracts.Topology;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of the integration tests: one api instance on a random port against the real RabbitMQ
 * and the embedded MongoDB (one Spring context shared by every subclass), a client for it, and
 * clean-up of the broker objects each test created. Tests run one at a time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// The test clock stands still, so buckets never refill: budgets large enough for every test of one
// context. RateLimitRouteTest sets small ones (a subclass's properties win).
@TestPropertySource(properties = {
    "switchboard.api.rate-limit.address-burst=10000000",
    "switchboard.api.rate-limit.participant-burst=10000000"})
@Import(TestClockConfig.class)
public abstract class ApiIntegrationTest {
  @LocalServerPort
  protected int port;

  @Autowired
  protected TestClock clock;

  protected ApiClient api;

  private final List<String> sessions = new ArrayList<>();
  private final List<String> participants = new ArrayList<>();

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    registry.add("spring.mongodb.uri", EmbeddedMongo::uri);
  }

  @BeforeEach
  void client() {
    api = new ApiClient(port);
  }

  @AfterEach
  void cleanUp() {
    clock.reset();
    participants.forEach(pid -> Broker.deleteQueue(Topology.userQueue(pid)));
    sessions.forEach(sid -> {
      Broker.deleteQueue(Topology.sessionQueue(sid));
      Broker.deleteExchange(Topology.sessionExchange(sid));
      // Keep the shared wrapper queue free of this test's commands.
      Broker.take(Topology.WRAPPER_QUEUE, body -> body.contains(sid));
    });
  }

  /** Creates a session through the api and remembers it for clean-up. */
  protected String newSession() {
    return remember(api.createSession());
  }

  protected String remember(String sessionId) {
    sessions.add(sessionId);
    return sessionId;
  }

  /** Remembers a participant joined some other way, so its queue is deleted after the test. */
  protected void rememberParticipant(String participantId) {
    participants.add(participantId);
  }

  protected Participant join(ApiClient client, String sessionId, String name) {
    Participant p = client.join(sessionId, name);
    participants.add(p.participantId());
    return p;
  }

  protected Participant join(String sessionId, String name) {
    return join(api, sessionId, name);
  }
}
