package dev.switchboard.wrapper.session;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import dev.switchboard.contracts.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Makes sure of the sessions collection's index on {@code {mediaServer, state}} at start-up: every
 * wrapper asks each second which active sessions a media server holds (the probe) and, after a
 * loss, which to move, and without it a real MongoDB scans every session for each. Creating an
 * existing index is a no-op, so every instance may do it. Runs once, on the starting thread.
 */
@Component
public class SessionIndexes {
  static final String MEDIA_SERVER_STATE = "mediaServer_state";
  private static final Logger log = LoggerFactory.getLogger(SessionIndexes.class);

  public SessionIndexes(MongoTemplate mongo) {
    try {
      mongo.getCollection(Topology.SESSIONS_COLLECTION).createIndex(
          Indexes.ascending(SessionFields.MEDIA_SERVER, SessionFields.STATE), new IndexOptions().name(MEDIA_SERVER_STATE));
    } catch (RuntimeException e) {
      // Only speed depends on it; the queries are right without it.
      log.warn("Could not create the index {} of {}: {}", MEDIA_SERVER_STATE, Topology.SESSIONS_COLLECTION, e.toString());
    }
  }
}
