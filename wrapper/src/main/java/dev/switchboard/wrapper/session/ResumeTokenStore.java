package dev.switchboard.wrapper.session;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import org.bson.BsonDocument;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps each instance's change-stream position in {@code wrapper_state} (one document per
 * instance id), so a restarted instance resumes where it stopped; thread-safe.
 */
@Component
public class ResumeTokenStore {
  static final String COLLECTION = "wrapper_state";
  static final String TOKEN = "resumeToken";
  static final String SAVED_AT = "savedAt";

  private final MongoTemplate mongo;
  private final Clock clock;

  public ResumeTokenStore(MongoTemplate mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  public Optional<BsonDocument> load(String instanceId) {
    BsonDocument state = collection().find(Filters.eq("_id", instanceId)).first();
    if (state == null || !state.isDocument(TOKEN)) {
      return Optional.empty();
    }
    return Optional.of(state.getDocument(TOKEN));
  }

  public void save(String instanceId, BsonDocument token) {
    collection().updateOne(Filters.eq("_id", instanceId),
        Updates.combine(Updates.set(TOKEN, token), Updates.set(SAVED_AT, Date.from(clock.instant()))),
        new UpdateOptions().upsert(true));
  }

  public void clear(String instanceId) {
    collection().updateOne(Filters.eq("_id", instanceId), Updates.unset(TOKEN));
  }

  private MongoCollection<BsonDocument> collection() {
    return mongo.getDb().getCollection(COLLECTION, BsonDocument.class);
  }
}
