package dev.switchboard.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import dev.switchboard.api.support.ApiClient;
import dev.switchboard.api.support.ApiClient.Participant;
import dev.switchboard.api.support.ApiIntegrationTest;
import dev.switchboard.api.support.TestApiProperties;
import dev.switchboard.api.support.Broker;
import dev.switchboard.contracts.Topology;
import dev.switchboard.contracts.rest.ParticipantRight;
import dev.switchboard.contracts.rest.TokenResponse;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who may call what: every participant route needs that participant's own unexpired token (none
 * 401, anyone else's or a forged one 403, an expired one 401), the session view a member's token or
 * the application key, creating and joining the application key, and publishing or receiving the
 * matching right. Every refused request publishes nothing, acknowledges nothing and writes nothing.
 */
class AccessControlTest extends ApiIntegrationTest {
  private static final String OFFER = "v=0\r\ns=-\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n";

  @Autowired
  private MongoTemplate mongo;
  @Autowired
  private ParticipantTokens tokens;
  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  private RequestMappingHandlerMapping mappings;

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
    drain(Topology.sessionQueue(sid));
  }

  /** Every route of Ada's, by name, called with the given Authorization header value (null: none). */
  private Map<String, Function<String, ApiClient.Response>> adaRoutes() {
    Map<String, Function<String, ApiClient.Response>> routes = new LinkedHashMap<>();
    routes.put("offer", auth -> post(ada.path() + "/offers", offer(ada, ada), auth));
    routes.put("receive offer", auth -> post(ada.path() + "/offers", offer(ada, bob), auth));
    routes.put("candidate", auth -> post(ada.path() + "/candidates", candidate(ada), auth));
    routes.put("messages", auth -> api.send(withAuth(api.request(ada.path() + "/messages?after=2", null), auth).GET()));
    routes.put("ice-servers", auth -> api.send(withAuth(api.request(ada.path() + "/ice-servers", null), auth).GET()));
    routes.put("token", auth -> post(ada.path() + "/token", null, auth));
    routes.put("leave", auth -> api.send(withAuth(api.request(ada.path(), null), auth).DELETE()));
    return routes;
  }

  @Test
  void everyApiRouteDeclaresWhoMayCallIt() {
    long routes = mappings.getHandlerMethods().entrySet().stream()
        .filter(e -> e.getKey().getPatternValues().stream().anyMatch(p -> p.startsWith("/api/")))
        .peek(e -> assertThat(((HandlerMethod) e.getValue()).getMethodAnnotation(Requires.class))
            .as("@Requires on %s", e.getKey()).isNotNull())
        .count();
    assertThat(routes).isGreaterThanOrEqualTo(10);
  }

  @Test
  void withoutATokenEveryParticipantRouteIs401() {
    for (String header : new String[] {null, "", "Bearer", "Bearer   ", "Basic YWRhOmFkYQ==", ada.token()}) {
      adaRoutes().forEach((name, route) -> {
        ApiClient.Response response = route.apply(header);
        assertThat(response.status()).as("%s with Authorization: %s", name, header).isEqualTo(401);
        assertThat(response.error().code()).isEqualTo("TOKEN_MISSING");
        assertThat(response.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
      });
    }
    assertNothingChanged();
  }

  @Test
  void anotherParticipantsOrAForgedTokenIs403OnEveryParticipantRoute() throws Exception {
    String otherSession = newSession();
    Participant stranger = join(otherSession, "Eve");
    // A token the api would issue for Ada's id in another session does not open this one.
    String sameIdOtherSession = tokens.issue(otherSession, ada.participantId(), ParticipantRight.all()).token();
    String unsigned = new PlainJWT(new PlainHeader(), new JWTClaimsSet.Builder().issuer("switchboard").audience("switchboard-api")
        .subject(ada.participantId()).claim("sid", sid).claim("rights", List.of("publish", "receive"))
        .expirationTime(Date.from(clock.instant().plusSeconds(600))).build()).serialize();
    String[] parts = ada.token().split("\\.");
    String bobsClaimsUnderAdasSignature = parts[0] + "." + bob.token().split("\\.")[1] + "." + parts[2];
    for (String token : List.of(bob.token(), stranger.token(), sameIdOtherSession, unsigned, bobsClaimsUnderAdasSignature,
        ada.token() + "x", ada.token().substring(1), ApiClient.APPLICATION_KEY, ApiClient.TOKEN_SECRET)) {
      adaRoutes().forEach((name, route) -> {
        ApiClient.Response response = route.apply("Bearer " + token);
        assertThat(response.status()).as("%s with token %s", name, token).isEqualTo(403);
        assertThat(response.error().code()).isEqualTo("TOKEN_INVALID");
      });
    }
    assertNothingChanged();
    assertThat(Broker.take(Topology.sessionQueue(otherSession), body -> true)).as("Eve's join").isPresent();
    assertThat(Broker.readyCount(Topology.sessionQueue(otherSession))).isZero();
  }

  @Test
  void anExpiredTokenIs401AndARefreshedOneWorks() {
    TokenResponse refreshed = post(ada.path() + "/token", null, "Bearer " + ada.token()).as(TokenResponse.class);
    assertThat(refreshed.token()).isNotEqualTo(ada.token());

    clock.advance(Duration.ofMinutes(15).plus(TestApiProperties.CLOCK_SKEW));
    adaRoutes().forEach((name, route) -> {
      ApiClient.Response response = route.apply("Bearer " + ada.token());
      assertThat(response.status()).as(name).isEqualTo(401);
      assertThat(response.error().code()).isEqualTo("TOKEN_EXPIRED");
      assertThat(response.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
    });
    assertNothingChanged();

    // The refreshed token was issued at the old time too; one issued now opens the routes again.
    clock.reset();
    String fresh = post(ada.path() + "/token", null, "Bearer " + refreshed.token()).as(TokenResponse.class).token();
    clock.advance(Duration.ofMinutes(10));
    ApiClient.Response poll = api.get(ada.path() + "/messages", fresh);
    assertThat(poll.status()).isEqualTo(200);
    assertThat(poll.deliveries()).hasSize(2);
  }

  @Test
  void aParticipantThatLeftCannotRefreshItsToken() {
    Broker.deleteQueue(Topology.userQueue(ada.participantId()));
    ApiClient.Response response = post(ada.path() + "/token", null, "Bearer " + ada.token());
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.error().code()).isEqualTo("PARTICIPANT_NOT_FOUND");
  }

  @Test
  void publishingNeedsThePublishRightAndReceivingTheReceiveRight() {
    Participant viewer = api.joinWith(sid, "{\"name\":\"Viewer\",\"rights\":[\"receive\"]}");
    Participant camera = api.joinWith(sid, "{\"name\":\"Camera\",\"rights\":[\"publish\"]}");
    remember(viewer);
    remember(camera);
    drain(Topology.sessionQueue(sid));

    assertRefused(post(viewer.path() + "/offers", offer(viewer, viewer), "Bearer " + viewer.token()), 403, "RIGHT_MISSING");
    assertRefused(post(viewer.path() + "/candidates", candidate(viewer), "Bearer " + viewer.token()), 403, "RIGHT_MISSING");
    assertRefused(post(camera.path() + "/offers", offer(camera, ada), "Bearer " + camera.token()), 403, "RIGHT_MISSING");
    assertThat(Broker.readyCount(Topology.sessionQueue(sid))).as("no command published").isZero();

    assertThat(post(viewer.path() + "/offers", offer(viewer, ada), "Bearer " + viewer.token()).status()).isEqualTo(202);
    assertThat(post(camera.path() + "/offers", offer(camera, camera), "Bearer " + camera.token()).status()).isEqualTo(202);
    assertThat(Broker.readyCount(Topology.sessionQueue(sid))).isEqualTo(2);
    // A refreshed token keeps the rights it had, no more.
    String refreshed = post(viewer.path() + "/token", null, "Bearer " + viewer.token()).as(TokenResponse.class).token();
    assertThat(tokens.verify(refreshed).rights()).isEqualTo(Set.of(ParticipantRight.RECEIVE));
  }

  @Test
  void creatingAndJoiningNeedTheApplicationKey() {
    long commandsBefore = Broker.readyCount(Topology.WRAPPER_QUEUE);
    String join = "/api/sessions/" + sid + "/participants";
    for (String header : new String[] {null, "Bearer", "Basic YWRhOmFkYQ=="}) {
      assertRefused(api.send(withAuth(api.request("/api/sessions", null), header).POST(HttpRequest.BodyPublishers.noBody())),
          401, "APPLICATION_KEY_MISSING");
      assertRefused(post(join, "{\"name\":\"Mallory\"}", header), 401, "APPLICATION_KEY_MISSING");
    }
    for (String key : List.of(ApiClient.APPLICATION_KEY + "x", ApiClient.APPLICATION_KEY.substring(1), ada.token(), ApiClient.TOKEN_SECRET)) {
      assertRefused(api.post("/api/sessions", null, key), 403, "APPLICATION_KEY_INVALID");
      assertRefused(post(join, "{\"name\":\"Mallory\"}", "Bearer " + key), 403, "APPLICATION_KEY_INVALID");
    }
    assertThat(Broker.readyCount(Topology.WRAPPER_QUEUE)).as("no session created").isEqualTo(commandsBefore);
    assertNothingChanged();
  }

  @Test
  void theSessionViewIsForItsMembersAndTheApplication() {
    String path = "/api/sessions/" + sid;
    Participant stranger = join(newSession(), "Eve");

    assertThat(api.get(path, ada.token()).status()).isEqualTo(200);
    assertThat(api.get(path, ApiClient.APPLICATION_KEY).status()).isEqualTo(200);
    assertRefused(api.get(path, null), 401, "TOKEN_MISSING");
    assertRefused(api.get(path, stranger.token()), 403, "TOKEN_INVALID");
    assertRefused(api.get(path, ApiClient.APPLICATION_KEY + "x"), 403, "TOKEN_INVALID");
  }

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void noCredentialReachesTheLogs(CapturedOutput output) {
    adaRoutes().forEach((name, route) -> route.apply("Bearer " + ada.token()));
    adaRoutes().forEach((name, route) -> route.apply("Bearer " + bob.token()));
    api.post("/api/sessions", null, ApiClient.APPLICATION_KEY + "x");
    newSession();
    String signature = ada.token().substring(ada.token().lastIndexOf('.') + 1);
    assertThat(output.getAll()).doesNotContain(signature, bob.token().substring(bob.token().lastIndexOf('.') + 1),
        ApiClient.APPLICATION_KEY, ApiClient.TOKEN_SECRET);
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
    assertThat(mongo.getCollection("polls").countDocuments(new Document("_id", ada.participantId())))
        .as("no poll state written").isZero();
  }

  private ApiClient.Response post(String path, String json, String authorization) {
    HttpRequest.Builder request = withAuth(api.request(path, null), authorization);
    if (json == null) {
      return api.send(request.POST(HttpRequest.BodyPublishers.noBody()));
    }
    return api.send(request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  private static String offer(Participant from, Participant target) {
    return ApiClient.JSON.writeValueAsString(Map.of("target", target.participantId(), "sdp", OFFER));
  }

  private static String candidate(Participant own) {
    return "{\"target\":\"" + own.participantId() + "\",\"candidate\":\"\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}";
  }

  private void remember(Participant participant) {
    rememberParticipant(participant.participantId());
  }

  private static void drain(String queue) {
    while (Broker.take(queue, body -> true).isPresent()) {
      // drained
    }
  }

  private static void assertRefused(ApiClient.Response response, int status, String code) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.error().code()).isEqualTo(code);
  }

  private static HttpRequest.Builder withAuth(HttpRequest.Builder builder, String header) {
    return header == null ? builder : builder.header("Authorization", header);
  }
}
