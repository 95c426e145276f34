package dev.switchboard.api.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.support.ApiClient;
import dev.switchboard.api.support.ApiIntegrationTest;
import dev.switchboard.api.web.Ids;
import dev.switchboard.contracts.SessionDocument;
import dev.switchboard.contracts.Topology;
import dev.switchboard.contracts.rest.ParticipantView;
import dev.switchboard.contracts.rest.SessionView;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/** GET /api/sessions/{sid} reads the wrapper's session document, and says CREATING before there is one. */
class SessionViewTest extends ApiIntegrationTest {
  @Autowired
  private MongoTemplate mongo;

  @Test
  void readsTheParticipantsFromTheSessionDocument() {
    String sid = Ids.random();
    Document endpoint = new Document("server", "ms-1").append("id", "pipeline-1/endpoint-1");
    mongo.getCollection(Topology.SESSIONS_COLLECTION).insertOne(new Document(SessionDocument.ID, sid)
        .append(SessionDocument.STATE, SessionDocument.STATE_ACTIVE)
        .append(SessionDocument.EPOCH, 1)
        .append(SessionDocument.MEDIA_SERVER, "ms-1")
        .append(SessionDocument.PIPELINE, new Document("server", "ms-1").append("id", "pipeline-1"))
        .append(SessionDocument.PARTICIPANTS, List.of(
            new Document(SessionDocument.PARTICIPANT_ID, "p-ada").append(SessionDocument.PARTICIPANT_NAME, "Ada")
                .append("joinedAt", new Date()).append("publisher", endpoint).append("receivers", List.of()),
            new Document(SessionDocument.PARTICIPANT_ID, "p-bob").append(SessionDocument.PARTICIPANT_NAME, "Bob")
                .append("joinedAt", new Date()))));

    SessionView view = api.get("/api/sessions/" + sid, ApiClient.APPLICATION_KEY).as(SessionView.class);

    assertThat(view).isEqualTo(new SessionView(sid, "ACTIVE",
        List.of(new ParticipantView("p-ada", "Ada"), new ParticipantView("p-bob", "Bob"))));
  }

  @Test
  void aDocumentWithoutParticipantsHasAnEmptyList() {
    String sid = Ids.random();
    mongo.getCollection(Topology.SESSIONS_COLLECTION).insertOne(new Document(SessionDocument.ID, sid)
        .append(SessionDocument.STATE, SessionDocument.STATE_ACTIVE));
    assertThat(api.get("/api/sessions/" + sid, ApiClient.APPLICATION_KEY).as(SessionView.class)).isEqualTo(new SessionView(sid, "ACTIVE", List.of()));
  }

  @Test
  void aSessionWhoseDocumentIsNotWrittenYetIsCreating() {
    String sid = newSession();
    var response = api.get("/api/sessions/" + sid, ApiClient.APPLICATION_KEY);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.as(SessionView.class)).isEqualTo(new SessionView(sid, "CREATING", List.of()));
  }

  @Test
  void neitherQueueNorDocumentIs404() {
    var response = api.get("/api/sessions/" + Ids.random(), ApiClient.APPLICATION_KEY);
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.error().code()).isEqualTo("SESSION_NOT_FOUND");
  }
}
