package dev.switchboard.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.support.ApiClient;
import dev.switchboard.api.support.ApiClient.Participant;
import dev.switchboard.api.support.ApiIntegrationTest;
import dev.switchboard.api.support.Broker;
import dev.switchboard.contracts.Topology;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Every participant route needs that participant's token: without one 401, with anyone else's
 * 403, and a refused request publishes nothing and acknowledges nothing.
 */
class ParticipantAuthTest extends ApiIntegrationTest {
  private static final String OFFER = "v=0\r\ns=-\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n";

  @Autowired
  private MongoTemplate mongo;
  @Autowired
  private ParticipantTokens tokens;

  private String sid;
  private Participant ada;
  private Participant bob;

  @BeforeEach
  void twoParticipants() {
    sid = newSession();
    ada = join(sid, "Ada");
    bob = join(sid, "Bob");
    // Ada has two messages waiting; the join commands are taken off the session queue.
    Broker.publishToQueue(Topology.userQueue(ada.participantId()), "{\"type\":\"participantLeft\",\"participantId\":\"x\"}");
    Broker.publishToQueue(Topology.userQueue(ada.participantId()), "{\"type\":\"participantLeft\",\"participantId\":\"y\"}");
    while (Broker.take(Topology.sessionQueue(sid), body -> true).isPresent()) {
      // drained
    }
  }

  /** Each participant route of Ada, called with the given Authorization header value (null: none). */
  private List<BiFunction<ApiClient, String, ApiClient.Response>> adaRoutes() {
    String offer = ApiClient.JSON.writeValueAsString(java.util.Map.of("target", ada.participantId(), "sdp", OFFER));
    String candidate = "{\"target\":\"" + ada.participantId() + "\",\"candidate\":\"\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}";
    return List.of(
        (client, auth) -> client.send(withAuth(client.request(ada.path() + "/offers", null), auth)
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(offer))),
        (client, auth) -> client.send(withAuth(client.request(ada.path() + "/candidates", null), auth)
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(candidate))),
        (client, auth) -> client.send(withAuth(client.request(ada.path() + "/messages?after=2", null), auth).GET()),
        (client, auth) -> client.send(withAuth(client.request(ada.path(), null), auth).DELETE()));
  }

  @Test
  void withoutATokenEveryParticipantRouteIs401() {
    for (String header : new String[] {null, "", "Bearer", "Bearer   ", "Basic YWRhOmFkYQ==", ada.token()}) {
      for (var route : adaRoutes()) {
        ApiClient.Response response = route.apply(api, header);
        assertThat(response.status()).as("Authorization: %s", header).isEqualTo(401);
        assertThat(response.error().code()).isEqualTo("TOKEN_MISSING");
        assertThat(response.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
      }
    }
    assertNothingChanged();
  }

  @Test
  void anotherParticipantsTokenIs403OnEveryParticipantRoute() {
    String otherSession = newSession();
    Participant stranger = join(otherSession, "Eve");
    // A token the api would issue for Ada's id in another session does not open this one.
    String sameIdOtherSession = tokens.issue(otherSession, ada.participantId());
    for (String token : List.of(bob.token(), stranger.token(), sameIdOtherSession, ada.token() + "x", ada.token().substring(1),
        ada.token().toUpperCase())) {
      for (var route : adaRoutes()) {
        ApiClient.Response response = route.apply(api, "Bearer " + token);
        assertThat(response.status()).as("token %s", token).isEqualTo(403);
        assertThat(response.error().code()).isEqualTo("TOKEN_INVALID");
      }
    }
    assertNothingChanged();
    assertThat(Broker.take(Topology.sessionQueue(otherSession), body -> true)).as("Eve's join").isPresent();
    assertThat(Broker.readyCount(Topology.sessionQueue(otherSession))).isZero();
  }

  @Test
  void theRightTokenWorksWithAnySpellingOfBearer() {
    ApiClient.Response response = api.send(api.request(ada.path() + "/messages", null)
        .header("Authorization", "bearer " + ada.token()).GET());
    assertThat(response.status()).isEqualTo(200);
  }

  private void assertNothingChanged() {
    assertThat(Broker.readyCount(Topology.sessionQueue(sid))).as("no command published").isZero();
    assertThat(Broker.readyCount(Topology.userQueue(ada.participantId()))).as("nothing acknowledged").isEqualTo(2);
    assertThat(mongo.getCollection("polls").countDocuments(new org.bson.Document("_id", ada.participantId())))
        .as("no poll state written").isZero();
  }

  private static HttpRequest.Builder withAuth(HttpRequest.Builder builder, String header) {
    return header == null ? builder : builder.header("Authorization", header);
  }
}
