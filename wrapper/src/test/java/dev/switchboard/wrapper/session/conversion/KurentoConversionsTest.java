package dev.switchboard.wrapper.session.conversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import com.mongodb.client.MongoClient;
import dev.switchboard.wrapper.config.WrapperProperties;
import dev.switchboard.wrapper.config.WrapperProperties.MediaServerSpec;
import dev.switchboard.wrapper.media.KurentoConnector;
import dev.switchboard.wrapper.media.KurentoRef;
import dev.switchboard.wrapper.media.MediaServerPool;
import dev.switchboard.wrapper.media.MediaServerUnavailableException;
import dev.switchboard.wrapper.session.LiveParticipant;
import dev.switchboard.wrapper.session.LiveSession;
import dev.switchboard.wrapper.session.SessionStore;
import dev.switchboard.wrapper.testing.EmbeddedMongo;
import dev.switchboard.wrapper.testing.MutableClock;
import dev.switchboard.wrapper.testing.TestMongoTemplates;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kurento.client.KurentoClient;
import org.kurento.client.MediaPipeline;
import org.kurento.client.WebRtcEndpoint;
import org.kurento.jsonrpc.client.JsonRpcClient;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The custom conversions with real Kurento clients (over a JSON-RPC transport that never
 * connects): a stored {@code {server, id}} comes back as a client proxy of the right pool member.
 */
class KurentoConversionsTest {
  private static final String PIPELINE = "6f2b2b4e-0000-4000-8000-000000000001_kurento.MediaPipeline";
  private static final String ENDPOINT = PIPELINE + "/7a1c-0000-4000-8000-000000000002_kurento.WebRtcEndpoint";

  private static EmbeddedMongo mongo;
  private static MongoClient client;
  private static KurentoClient east;
  private static KurentoClient west;
  private static MediaServerPool pool;
  private static MongoTemplate template;

  @BeforeAll
  static void setUp() {
    mongo = EmbeddedMongo.start();
    client = mongo.client();
    // Real clients: getById builds the same proxies as in production, with no network call.
    east = KurentoClient.createFromJsonRpcClient(mock(JsonRpcClient.class));
    west = KurentoClient.createFromJsonRpcClient(mock(JsonRpcClient.class));
    Map<String, KurentoClient> clients = Map.of("east", east, "west", west);
    KurentoConnector connector = (spec, listener) -> clients.get(spec.id());
    WrapperProperties properties = new WrapperProperties(
        List.of(new MediaServerSpec("east", "ws://east:8888/kurento"), new MediaServerSpec("west", "ws://west:8888/kurento")),
        "test", 3, Duration.ofMillis(10), Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofMillis(50),
        Duration.ofSeconds(10), 1, 500, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(4), 6, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(2), 8);
    pool = new MediaServerPool(properties, connector, new MutableClock());
    pool.connectAll();
    template = TestMongoTemplates.create(client, "conversions-test", pool);
  }

  @AfterAll
  static void tearDown() {
    client.close();
    mongo.close();
  }

  @Test
  void writesAReferenceAsServerAndId() {
    Object written = template.getConverter().convertToMongoType(new KurentoRef("west", ENDPOINT));

    assertThat(written).isEqualTo(new Document("server", "west").append("id", ENDPOINT));
  }

  @Test
  void readsStoredReferencesBackAsProxiesOfTheRightMediaServer() {
    SessionStore store = new SessionStore(template, new MutableClock());
    store.insertNew("conv-1", "west", new KurentoRef("west", PIPELINE));
    store.addParticipant("conv-1", "p1", "Ada", 100);
    store.setPublisherIfAbsent("conv-1", "p1", new KurentoRef("west", ENDPOINT));

    LiveSession session = store.findLive("conv-1").orElseThrow();
    LiveParticipant participant = session.participant("p1").orElseThrow();

    assertThat(session.pipeline()).isInstanceOf(MediaPipeline.class);
    assertThat(session.pipeline().getId()).isEqualTo(PIPELINE);
    assertThat(participant.publisher()).isInstanceOf(WebRtcEndpoint.class);
    assertThat(participant.publisher().getId()).isEqualTo(ENDPOINT);
    // A client hands out one proxy per id: the same object means "resolved on west".
    assertThat(participant.publisher()).isSameAs(west.getById(ENDPOINT, WebRtcEndpoint.class));
    assertThat(participant.publisher()).isNotSameAs(east.getById(ENDPOINT, WebRtcEndpoint.class));
    assertThat(store.findRecord("conv-1").orElseThrow().participant("p1").orElseThrow().publisher())
        .isEqualTo(new KurentoRef("west", ENDPOINT));
  }

  @Test
  void aReferenceToAServerOutsideThePoolCannotBeResolved() {
    SessionStore store = new SessionStore(template, new MutableClock());
    store.insertNew("conv-2", "gone", new KurentoRef("gone", PIPELINE));

    assertThatThrownBy(() -> store.findLive("conv-2")).hasRootCauseInstanceOf(MediaServerUnavailableException.class);
    assertThat(store.findRecord("conv-2").orElseThrow().pipeline()).isEqualTo(new KurentoRef("gone", PIPELINE));
  }
}
