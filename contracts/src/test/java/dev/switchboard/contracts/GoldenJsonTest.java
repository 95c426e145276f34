package dev.switchboard.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.bus.AddIceCandidate;
import dev.switchboard.contracts.bus.Command;
import dev.switchboard.contracts.bus.CreateSession;
import dev.switchboard.contracts.bus.DrainMediaServer;
import dev.switchboard.contracts.bus.UndrainMediaServer;
import dev.switchboard.contracts.bus.JoinSession;
import dev.switchboard.contracts.bus.LeaveSession;
import dev.switchboard.contracts.bus.ProcessOffer;
import dev.switchboard.contracts.messages.Answer;
import dev.switchboard.contracts.messages.ConnectionFailed;
import dev.switchboard.contracts.messages.Delivery;
import dev.switchboard.contracts.messages.ExistingParticipants;
import dev.switchboard.contracts.messages.IceCandidateFound;
import dev.switchboard.contracts.messages.MediaServerLost;
import dev.switchboard.contracts.messages.ParticipantJoined;
import dev.switchboard.contracts.messages.ParticipantLeft;
import dev.switchboard.contracts.messages.RequestFailed;
import dev.switchboard.contracts.messages.SessionClosed;
import dev.switchboard.contracts.rest.ApiError;
import dev.switchboard.contracts.rest.CandidateRequest;
import dev.switchboard.contracts.rest.IceServer;
import dev.switchboard.contracts.rest.IceServersResponse;
import dev.switchboard.contracts.rest.JoinRequest;
import dev.switchboard.contracts.rest.JoinResponse;
import dev.switchboard.contracts.rest.ParticipantRight;
import dev.switchboard.contracts.rest.TokenResponse;
import dev.switchboard.contracts.rest.ParticipantView;
import dev.switchboard.contracts.rest.SessionView;
import dev.switchboard.contracts.webhooks.SessionEnded;
import dev.switchboard.contracts.webhooks.SessionStarted;
import dev.switchboard.contracts.webhooks.WebhookEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every message of the contract against its golden JSON: the file reads as the expected record,
 * the record writes as the file, and an unknown field is ignored (rolling upgrades).
 */
class GoldenJsonTest {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();
  private static final Instant T = Instant.parse("2026-01-01T10:00:00Z");

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("bus/createSession.json", Command.class, new CreateSession("c-1", "s-1", T)),
        Arguments.of("bus/joinSession.json", Command.class, new JoinSession("c-2", "s-1", "p-1", "Ada", T.plusSeconds(1))),
        Arguments.of("bus/processOffer.json", Command.class, new ProcessOffer("c-3", "s-1", "p-1", "p-2", "v=0\r\n", T.plusSeconds(2))),
        Arguments.of("bus/processOfferWithOfferId.json", Command.class,
            new ProcessOffer("c-4", "s-1", "p-1", "p-2", "v=0\r\n", T.plusSeconds(2), "o-7f3a")),
        Arguments.of("bus/addIceCandidate.json", Command.class, new AddIceCandidate("c-4", "s-1", "p-1", "p-1",
            "candidate:1 1 udp 2122260223 192.0.2.2 44349 typ host", "0", 0, T.plusSeconds(3))),
        Arguments.of("bus/leaveSession.json", Command.class, new LeaveSession("c-5", "s-1", "p-1", T.plusSeconds(4))),
        Arguments.of("bus/drainMediaServer.json", Command.class,
            new DrainMediaServer("c-6", "medianode-2", true, T.plusSeconds(5))),
        Arguments.of("bus/undrainMediaServer.json", Command.class,
            new UndrainMediaServer("c-7", "medianode-2", T.plusSeconds(6))),
        Arguments.of("messages/existingParticipants.json", Delivery.class,
            new Delivery(1, new ExistingParticipants(List.of(new ParticipantView("p-2", "Grace"))))),
        Arguments.of("messages/participantJoined.json", Delivery.class, new Delivery(2, new ParticipantJoined("p-3", "Linus"))),
        Arguments.of("messages/participantLeft.json", Delivery.class, new Delivery(3, new ParticipantLeft("p-3"))),
        Arguments.of("messages/answer.json", Delivery.class, new Delivery(4, new Answer("p-1", "v=0\r\n"))),
        Arguments.of("messages/answerWithOfferId.json", Delivery.class,
            new Delivery(5, new Answer("p-1", "v=0\r\n", "o-7f3a"))),
        Arguments.of("messages/iceCandidate.json", Delivery.class, new Delivery(5,
            new IceCandidateFound("p-1", "candidate:1 1 UDP 2130706431 192.0.2.10 40000 typ host", "0", 0))),
        Arguments.of("messages/mediaServerLost.json", Delivery.class, new Delivery(6,
            new MediaServerLost("s-1", 3, "media server ws://10.0.0.5:8888/kurento stopped answering"))),
        Arguments.of("messages/connectionFailed.json", Delivery.class, new Delivery(7, new ConnectionFailed("p-2", "ICE failed"))),
        Arguments.of("messages/sessionClosed.json", Delivery.class, new Delivery(8, new SessionClosed("s-1", "last participant left"))),
        Arguments.of("messages/error.json", Delivery.class, new Delivery(9,
            new RequestFailed("processOffer c-3", "INVALID_SDP", "The offer is not valid SDP"))),
        Arguments.of("rest/joinRequest.json", JoinRequest.class, new JoinRequest("Ada", List.of(ParticipantRight.RECEIVE))),
        Arguments.of("rest/joinResponse.json", JoinResponse.class, new JoinResponse("p-1", "eyJ.t0k3n.sig", 1_700_000_900L,
            List.of(ParticipantRight.PUBLISH, ParticipantRight.RECEIVE))),
        Arguments.of("rest/tokenResponse.json", TokenResponse.class, new TokenResponse("eyJ.t0k3n.sig", 1_700_001_800L)),
        Arguments.of("rest/sessionView.json", SessionView.class,
            new SessionView("s-1", "ACTIVE", List.of(new ParticipantView("p-1", "Ada")))),
        Arguments.of("rest/candidateRequest.json", CandidateRequest.class,
            new CandidateRequest("p-1", "candidate:1 1 udp 1 192.0.2.2 1 typ host", "0", 0)),
        Arguments.of("rest/iceServersResponse.json", IceServersResponse.class, new IceServersResponse(
            List.of(new IceServer(List.of("turn:turn.example.com:3478?transport=udp"), "1700003600:p-1",
                "fAUskIj03+RrkfXeew28Mq6svq4=")), 1_700_003_600L)),
        Arguments.of("rest/apiError.json", ApiError.class, new ApiError(404, "SESSION_NOT_FOUND", "No session s-9")),
        Arguments.of("webhooks/sessionStarted.json", WebhookEvent.class, new SessionStarted(
            UUID.fromString("5b7f3c1e-9a4d-3e2b-8c1f-0d6a2b4e8f10"), T, "s-1", "medianode-1")),
        Arguments.of("webhooks/sessionEnded.json", WebhookEvent.class, new SessionEnded(
            UUID.fromString("0e8d2a6c-4b1f-3a7e-9c5d-2f6b8a1c3e57"), T.plusSeconds(1800), "s-1", "last participant left")),
        Arguments.of("webhooks/participantJoined.json", WebhookEvent.class,
            new dev.switchboard.contracts.webhooks.ParticipantJoined(
                UUID.fromString("a1c3e5f7-2b4d-3f6a-8c0e-1d3f5a7c9e2b"), T.plusSeconds(5), "s-1", "p-1", "Ada")),
        Arguments.of("webhooks/participantLeft.json", WebhookEvent.class,
            new dev.switchboard.contracts.webhooks.ParticipantLeft(
                UUID.fromString("c7e9a1b3-5d2f-3b8c-9e4a-6f1d3b5a7c90"), T.plusSeconds(1795), "s-1", "p-1")),
        Arguments.of("webhooks/mediaServerLost.json", WebhookEvent.class,
            new dev.switchboard.contracts.webhooks.MediaServerLost(UUID.fromString("e2f4a6c8-1b3d-3e5f-8a7c-9b0d2e4f6a81"),
                T.plusSeconds(720), "s-1", "medianode-1", "medianode-2", 2, "lost")),
        Arguments.of("webhooks/mediaServerLostNoServer.json", WebhookEvent.class,
            new dev.switchboard.contracts.webhooks.MediaServerLost(UUID.fromString("e2f4a6c8-1b3d-3e5f-8a7c-9b0d2e4f6a82"),
                T.plusSeconds(720), "s-1", "medianode-1", null, 3, "restarted")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void goldenFile_roundTrips(String file, Class<?> type, Object expected) {
    String golden = read(file);

    assertThat(MAPPER.readValue(golden, type)).isEqualTo(expected);
    assertThat(MAPPER.readTree(MAPPER.writeValueAsString(expected))).isEqualTo(MAPPER.readTree(golden));

    JsonNode withExtra = MAPPER.readTree(golden);
    ((ObjectNode) withExtra).put("addedInAFutureVersion", true);
    assertThat(MAPPER.treeToValue(withExtra, type)).isEqualTo(expected);
  }

  private static String read(String file) {
    try (InputStream in = GoldenJsonTest.class.getResourceAsStream("/golden/" + file)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
