package dev.switchboard.api.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.support.ApiClient;
import dev.switchboard.api.support.ApiClient.Participant;
import dev.switchboard.api.support.ApiIntegrationTest;
import dev.switchboard.api.support.Broker;
import dev.switchboard.contracts.Topology;
import dev.switchboard.contracts.bus.AddIceCandidate;
import dev.switchboard.contracts.bus.Command;
import dev.switchboard.contracts.bus.CreateSession;
import dev.switchboard.contracts.bus.JoinSession;
import dev.switchboard.contracts.bus.LeaveSession;
import dev.switchboard.contracts.bus.ProcessOffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Every route that sends a command puts exactly the right contracts command in the right queue. */
class SessionCommandsTest extends ApiIntegrationTest {
  @Autowired
  private RabbitTemplate rabbit;

  private static final String OFFER = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n";

  @Test
  void createDeclaresTheSessionAndSendsCreateSessionToTheWrapperQueue() {
    Instant before = clock.instant();
    String sid = newSession();

    assertThat(Topology.isValidId(sid)).isTrue();
    assertThat(sid).hasSize(22);
    assertThat(Broker.queueExists(Topology.sessionQueue(sid))).isTrue();
    // Same arguments as Topology: a re-declaration with them is accepted.
    Broker.assertDeclarable(Topology.sessionQueue(sid), Topology.sessionQueueArguments());

    // The wrapper queue is shared (a wrapper under test may use the same broker): take our own command only.
    Broker.Received received = Broker.await(Topology.WRAPPER_QUEUE, body -> body.contains(sid), Duration.ofSeconds(5));
    Command command = ApiClient.JSON.readValue(received.body(), Command.class);
    assertThat(command).isInstanceOf(CreateSession.class);
    CreateSession create = (CreateSession) command;
    assertThat(create.sessionId()).isEqualTo(sid);
    assertThat(create.issuedAt()).isBetween(before, clock.instant());
    assertPublishedAsJson(received, create);
    JsonNode json = ApiClient.JSON.readTree(received.body());
    assertThat(json.get("type").asString()).isEqualTo("createSession");
    assertThat(json.get("issuedAt").isString()).as("issuedAt is ISO-8601 text").isTrue();
  }

  @Test
  void startUpDeclaredTheWrapperAndDeadLetterQueuesWithTheContractsArguments() {
    Broker.assertDeclarable(Topology.WRAPPER_QUEUE, Topology.wrapperQueueArguments());
    Broker.assertDeclarable(Topology.DEAD_LETTER_QUEUE, Topology.deadLetterQueueArguments());
  }

  @Test
  void joinDeclaresTheUserQueueBindsItAndSendsJoinSession() {
    String sid = newSession();
    Participant ada = join(sid, "  Ada  ");

    assertThat(Topology.isValidId(ada.participantId())).isTrue();
    Broker.assertDeclarable(Topology.userQueue(ada.participantId()), Topology.userQueueArguments());
    JoinSession joinCommand = take(sid, JoinSession.class);
    assertThat(joinCommand.sessionId()).isEqualTo(sid);
    assertThat(joinCommand.participantId()).isEqualTo(ada.participantId());
    assertThat(joinCommand.name()).as("trimmed").isEqualTo("Ada");

    // Bound to the session's fanout exchange.
    Broker.publishToExchange(Topology.sessionExchange(sid), "{\"type\":\"participantLeft\",\"participantId\":\"x\"}");
    assertThat(Broker.readyCount(Topology.userQueue(ada.participantId()))).isEqualTo(1);
  }

  @Test
  void offerCandidateAndLeaveSendTheirCommandsToTheSessionQueue() {
    String sid = newSession();
    Participant ada = join(sid, "Ada");
    take(sid, JoinSession.class);

    assertThat(api.post(ada.path() + "/offers", offerJson(ada.participantId(), OFFER), ada.token()).status()).isEqualTo(202);
    ProcessOffer offer = take(sid, ProcessOffer.class);
    assertThat(offer.participantId()).isEqualTo(ada.participantId());
    assertThat(offer.target()).isEqualTo(ada.participantId());
    assertThat(offer.sdp()).isEqualTo(OFFER);

    String candidate = "{\"target\":\"" + ada.participantId() + "\",\"candidate\":\"candidate:1 1 udp 2122260223 192.0.2.2 44349 typ host\","
        + "\"sdpMid\":\"0\",\"sdpMLineIndex\":0}";
    assertThat(api.post(ada.path() + "/candidates", candidate, ada.token()).status()).isEqualTo(202);
    AddIceCandidate ice = take(sid, AddIceCandidate.class);
    assertThat(ice.candidate()).startsWith("candidate:1 1 udp");
    assertThat(ice.sdpMid()).isEqualTo("0");
    assertThat(ice.sdpMLineIndex()).isZero();

    String endOfCandidates = "{\"target\":\"" + ada.participantId() + "\",\"candidate\":\"\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}";
    assertThat(api.post(ada.path() + "/candidates", endOfCandidates, ada.token()).status()).isEqualTo(202);
    assertThat(take(sid, AddIceCandidate.class).candidate()).isEmpty();

    assertThat(api.delete(ada.path(), ada.token()).status()).isEqualTo(204);
    LeaveSession leave = take(sid, LeaveSession.class);
    assertThat(leave.participantId()).isEqualTo(ada.participantId());
    assertThat(Broker.readyCount(Topology.sessionQueue(sid))).isZero();
  }

  @Test
  void everyCommandHasItsOwnIdAndTheClocksTime() {
    String sid = newSession();
    clock.advance(Duration.ofHours(3));
    Instant shifted = clock.instant();
    Participant ada = join(sid, "Ada");
    JoinSession joinCommand = take(sid, JoinSession.class);
    assertThat(joinCommand.issuedAt()).isAfterOrEqualTo(shifted);

    api.delete(ada.path(), ada.token());
    LeaveSession leave = take(sid, LeaveSession.class);
    assertThat(leave.commandId()).isNotEqualTo(joinCommand.commandId());
  }

  static String offerJson(String target, String sdp) {
    return ApiClient.JSON.writeValueAsString(Map.of("target", target, "sdp", sdp));
  }

  /** The next command in the session queue, received the way a Spring consumer would. */
  private <T extends Command> T take(String sid, Class<T> type) {
    Message received = rabbit.receive(Topology.sessionQueue(sid), 5_000);
    assertThat(received).as("a command in the session queue").isNotNull();
    Command command = ApiClient.JSON.readValue(received.getBody(), Command.class);
    assertThat(command).isInstanceOf(type);
    MessageProperties properties = received.getMessageProperties();
    assertThat(properties.getContentType()).isEqualTo("application/json");
    assertThat(properties.getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
    assertThat(properties.getMessageId()).isEqualTo(command.commandId());
    assertThat(UUID.fromString(command.commandId())).isNotNull();
    return type.cast(command);
  }

  private static void assertPublishedAsJson(Broker.Received received, Command command) {
    assertThat(received.properties().getContentType()).isEqualTo("application/json");
    assertThat(received.properties().getDeliveryMode()).as("persistent").isEqualTo(2);
    assertThat(received.properties().getMessageId()).isEqualTo(command.commandId());
    assertThat(UUID.fromString(command.commandId())).isNotNull();
  }
}
