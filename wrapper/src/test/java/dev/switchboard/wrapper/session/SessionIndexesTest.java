package dev.switchboard.wrapper.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.Topology;
import dev.switchboard.wrapper.testing.EmbeddedMongo;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The probe's and the loss notices' indexes exist after start-up, and creating them again (a second instance) changes nothing. */
class SessionIndexesTest {
  @Test
  void theMediaServerStateIndexIsCreatedOnceWhateverTheInstances() {
    MongoTemplate mongo = new MongoTemplate(EmbeddedMongo.shared().client(), "indexes-" + System.nanoTime());
    new SessionIndexes(mongo);
    new SessionIndexes(mongo);

    List<Document> indexes = mongo.getCollection(Topology.SESSIONS_COLLECTION).listIndexes().into(new ArrayList<>());
    assertThat(indexes).filteredOn(i -> SessionIndexes.MEDIA_SERVER_STATE.equals(i.getString("name")))
        .singleElement()
        .satisfies(i -> assertThat(i.get("key", Document.class).keySet()).containsExactly("mediaServer", "state"));
    assertThat(indexes).filteredOn(i -> SessionIndexes.LOSS_NOTICE_RETRY.equals(i.getString("name")))
        .singleElement()
        .satisfies(i -> assertThat(i.get("key", Document.class).keySet()).containsExactly("lossNotice.retryAt"));
  }
}
