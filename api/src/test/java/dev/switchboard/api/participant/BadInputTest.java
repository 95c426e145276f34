package dev.switchboard.api.participant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.auth.ParticipantTokens;
import dev.switchboard.api.support.ApiClient;
import dev.switchboard.api.support.ApiClient.Participant;
import dev.switchboard.api.support.ApiIntegrationTest;
import dev.switchboard.api.support.Broker;
import dev.switchboard.api.web.Ids;
import dev.switchboard.contracts.Topology;
import dev.switchboard.contracts.rest.ApiError;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Bad input on every route gets the right 4xx with an ApiError body and a clear message, and
 * changes nothing: no command published, no queue declared.
 */
class BadInputTest extends ApiIntegrationTest {
  private static final String SDP = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n";

  @Autowired
  private ParticipantTokens tokens;

  private String sid;
  private Participant ada;

  @BeforeEach
  void aSessionWithOneParticipant() {
    sid = newSession();
    ada = join(sid, "Ada");
    assertThat(Broker.take(Topology.sessionQueue(sid), body -> true)).as("the join").isPresent();
  }

  @Test
  void malformedJson() {
    for (String body : new String[] {"{\"name\":", "{name: 'Ada'}", "not json", "{\"name\":\"Ada\"} trailing"}) {
      assertRefused(api.post(joinPath(), body, ApiClient.APPLICATION_KEY), 400, "INVALID_BODY", "JSON");
    }
    assertRefused(api.post(ada.path() + "/offers", "{\"target\":", ada.token()), 400, "INVALID_BODY", "Malformed JSON");
  }

  @Test
  void notAJsonObject() {
    assertRefused(api.post(joinPath(), "[]", ApiClient.APPLICATION_KEY), 400, "INVALID_BODY", "JSON object");
    assertRefused(api.post(joinPath(), "\"Ada\"", ApiClient.APPLICATION_KEY), 400, "INVALID_BODY", "");
    assertRefused(api.post(joinPath(), "null", ApiClient.APPLICATION_KEY), 400, "INVALID_BODY", "required");
    assertRefused(api.post(joinPath(), "", ApiClient.APPLICATION_KEY), 400, "INVALID_BODY", "required");
    assertRefused(api.post(joinPath(), "{\"name\":[\"Ada\"]}", ApiClient.APPLICATION_KEY), 400, "INVALID_BODY", "'name'");
  }

  @Test
  void unknownField() {
    assertRefused(api.post(joinPath(), "{\"name\":\"Ada\",\"admin\":true}", ApiClient.APPLICATION_KEY), 400, "INVALID_BODY", "Unknown field 'admin'");
    assertRefused(api.post(ada.path() + "/offers", "{\"target\":\"" + ada.participantId() + "\",\"sdp\":\"" + SDP.replace("\r\n", "\\r\\n")
        + "\",\"spd\":1}", ada.token()), 400, "INVALID_BODY", "Unknown field 'spd'");
  }

  @Test
  void rightsOutsideTheCatalogueAreRefused() {
    assertRefused(api.post(joinPath(), "{\"name\":\"Ada\",\"rights\":[\"publish\",\"admin\"]}", ApiClient.APPLICATION_KEY),
        400, "INVALID_BODY", "");
    assertRefused(api.post(joinPath(), "{\"name\":\"Ada\",\"rights\":\"publish\"}", ApiClient.APPLICATION_KEY), 400, "INVALID_BODY", "");
    assertRefused(api.post(joinPath(), "{\"name\":\"Ada\",\"rights\":[null]}", ApiClient.APPLICATION_KEY), 400, "INVALID_BODY", "'rights'");
    assertRefused(api.post(joinPath(), "{\"name\":\"Ada\",\"rights\":[\"PUBLISH\"]}", ApiClient.APPLICATION_KEY), 400, "INVALID_BODY", "");
  }

  @Test
  void missingOrInvalidName() {
    assertRefused(api.post(joinPath(), "{}", ApiClient.APPLICATION_KEY), 400, "INVALID_BODY", "'name' is required");
    assertRefused(api.post(joinPath(), "{\"name\":null}", ApiClient.APPLICATION_KEY), 400, "INVALID_BODY", "'name' is required");
    assertRefused(api.post(joinPath(), "{\"name\":\"   \"}", ApiClient.APPLICATION_KEY), 400, "INVALID_BODY", "1 to 64");
    assertRefused(api.post(joinPath(), "{\"name\":\"" + "a".repeat(65) + "\"}", ApiClient.APPLICATION_KEY), 400, "INVALID_BODY", "1 to 64");
    assertRefused(api.post(joinPath(), "{\"name\":\"a\\nb\"}", ApiClient.APPLICATION_KEY), 400, "INVALID_BODY", "control");
  }

  @Test
  void oversizedBodies() {
    String huge = "{\"name\":\"" + "a".repeat(300_000) + "\"}";
    assertRefused(api.post(joinPath(), huge, ApiClient.APPLICATION_KEY), 413, "BODY_TOO_LARGE", "262144 bytes");
    assertRefused(api.postChunked(joinPath(), huge, ApiClient.APPLICATION_KEY), 413, "BODY_TOO_LARGE", "262144 bytes");
    String hugeOffer = ApiClient.JSON.writeValueAsString(Map.of("target", ada.participantId(), "sdp", SDP + "a=x:" + "y".repeat(300_000)));
    assertRefused(api.postChunked(ada.path() + "/offers", hugeOffer, ada.token()), 413, "BODY_TOO_LARGE", "");
  }

  @Test
  void invalidSdp() {
    Map<String, String> cases = Map.of(
        "", "required",
        "   ", "required",
        "o=- 1 2 IN IP4 127.0.0.1\r\nm=audio 9 RTP/AVP 0\r\n", "v=0",
        "v=01\r\nm=audio 9 RTP/AVP 0\r\n", "v=0",
        "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\n", "'m='",
        SDP + "a=x:" + "y".repeat(70_000) + "\r\n", "65536 bytes");
    cases.forEach((sdp, message) -> assertRefused(
        api.post(ada.path() + "/offers", offer(ada.participantId(), sdp), ada.token()), 400, "INVALID_SDP", message));
    assertRefused(api.post(ada.path() + "/offers", "{\"target\":\"" + ada.participantId() + "\"}", ada.token()),
        400, "INVALID_SDP", "required");
  }

  @Test
  void invalidTarget() {
    assertRefused(api.post(ada.path() + "/offers", offer("not/an id", SDP), ada.token()), 400, "INVALID_BODY", "'target'");
    assertRefused(api.post(ada.path() + "/offers", "{\"sdp\":\"v=0\\r\\nm=audio 9 RTP/AVP 0\\r\\n\"}", ada.token()),
        400, "INVALID_BODY", "'target' is required");
  }

  @Test
  void invalidCandidates() {
    String target = ada.participantId();
    Map<String, String> cases = Map.of(
        "{\"target\":\"" + target + "\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}", "'candidate' is required",
        "{\"target\":\"" + target + "\",\"candidate\":\"" + "candidate:" + "1".repeat(1100) + "\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}", "longer",
        "{\"target\":\"" + target + "\",\"candidate\":\"a=ice-lite\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}", "candidate:",
        "{\"target\":\"" + target + "\",\"candidate\":\"candidate:1 1 udp 1 1.2.3.4 5 typ host\\r\\na=x\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}", "one",
        "{\"target\":\"" + target + "\",\"candidate\":\"\",\"sdpMid\":\"0\"}", "'sdpMLineIndex' is required",
        "{\"target\":\"" + target + "\",\"candidate\":\"\",\"sdpMid\":\"0\",\"sdpMLineIndex\":-1}", "'sdpMLineIndex'");
    cases.forEach((body, message) -> assertRefused(api.post(ada.path() + "/candidates", body, ada.token()), 400,
        "INVALID_CANDIDATE", message));
    assertRefused(api.post(ada.path() + "/candidates", "{\"target\":\"" + target + "\",\"candidate\":\"\",\"sdpMLineIndex\":\"zero\"}",
        ada.token()), 400, "INVALID_BODY", "'sdpMLineIndex'");
  }

  @Test
  void unknownSession() {
    String unknown = Ids.random();
    assertRefused(api.post("/api/sessions/" + unknown + "/participants", "{\"name\":\"Ada\"}", ApiClient.APPLICATION_KEY), 404, "SESSION_NOT_FOUND", unknown);
    assertThat(Broker.queueExists(Topology.sessionQueue(unknown))).isFalse();
    assertRefused(api.get("/api/sessions/" + unknown, ApiClient.APPLICATION_KEY), 404, "SESSION_NOT_FOUND", unknown);
  }

  @Test
  void aSessionWhoseQueueIsGoneRefusesCommandsAsUnknown() {
    // The session queue expired (or the wrapper ended the session) after Ada joined.
    Broker.deleteQueue(Topology.sessionQueue(sid));
    assertRefused(api.post(ada.path() + "/offers", offer(ada.participantId(), SDP), ada.token()), 404, "SESSION_NOT_FOUND", sid);
    assertRefused(api.delete(ada.path(), ada.token()), 404, "SESSION_NOT_FOUND", sid);
  }

  @Test
  void unknownParticipant() {
    String pid = Ids.random();
    Participant ghost = new Participant(sid, pid, tokens.issue(sid, pid, dev.switchboard.contracts.rest.ParticipantRight.all()).token());
    assertRefused(api.post(ghost.path() + "/offers", offer(pid, SDP), ghost.token()), 404, "PARTICIPANT_NOT_FOUND", pid);
    assertRefused(api.post(ghost.path() + "/candidates", "{\"target\":\"" + pid + "\",\"candidate\":\"\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}",
        ghost.token()), 404, "PARTICIPANT_NOT_FOUND", pid);
    assertRefused(api.get(ghost.path() + "/messages", ghost.token()), 404, "PARTICIPANT_NOT_FOUND", pid);
  }

  @Test
  void idsThatCannotExistAre404() {
    String badSession = "/api/sessions/" + "x".repeat(65);
    assertRefused(api.get(badSession, null), 404, "SESSION_NOT_FOUND", "");
    assertRefused(api.post(badSession + "/participants", "{\"name\":\"Ada\"}", null), 404, "SESSION_NOT_FOUND", "");
    assertRefused(api.get("/api/sessions/a.b", null), 404, "", "");
    assertRefused(api.get("/api/sessions/" + sid + "/participants/bad%20id/messages", ada.token()), 404, "PARTICIPANT_NOT_FOUND", "");
    assertRefused(api.delete("/api/sessions/" + sid + "/participants/" + "p".repeat(80), ada.token()), 404, "PARTICIPANT_NOT_FOUND", "");
  }

  @Test
  void wrongMethodMediaTypeOrRoute() {
    assertRefused(api.send(api.request(joinPath(), null).header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("name=Ada"))), 415, "UNSUPPORTED_MEDIA_TYPE", "application/json");
    assertRefused(api.send(api.request("/api/sessions", null).PUT(HttpRequest.BodyPublishers.noBody())), 405, "METHOD_NOT_ALLOWED", "PUT");
    assertRefused(api.get("/api/nothing-here", null), 404, "NOT_FOUND", "route");
    // Refused by the servlet container itself, before Spring MVC: still an ApiError.
    assertRefused(api.get("/api/sessions/a%2Fb", null), 400, "BAD_REQUEST", "");
  }

  /** The answer has the status and an ApiError body with that code and a message containing {@code message}; nothing was published. */
  private void assertRefused(ApiClient.Response response, int status, String code, String message) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    ApiError error = response.error();
    assertThat(error.status()).isEqualTo(status);
    if (!code.isEmpty()) {
      assertThat(error.code()).isEqualTo(code);
    }
    assertThat(error.message()).contains(message);
    if (Broker.queueExists(Topology.sessionQueue(sid))) {
      assertThat(Broker.readyCount(Topology.sessionQueue(sid))).as("no command published").isZero();
    }
  }

  private String joinPath() {
    return "/api/sessions/" + sid + "/participants";
  }

  private static String offer(String target, String sdp) {
    return ApiClient.JSON.writeValueAsString(Map.of("target", target, "sdp", sdp));
  }
}
