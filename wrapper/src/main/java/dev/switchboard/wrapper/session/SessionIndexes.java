package dev.switchboard.wrapper.session;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import dev.switchboard.contracts.Topology;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Makes sure of the sessions collection's indexes at start-up: {@code {mediaServer, state}}, since
 * every wrapper asks each second which active sessions a media server holds (the probe) and, after
 * a loss, which to move; and a sparse one on the retry time of unsent {@link LossNotice}s, asked
 * for as often and held by almost no session. Without them a real MongoDB scans every session for
 * each. Creating an existing index is a no-op, so every instance may do it. Runs once, on the
 * starting thread.
 */
@Component
public class SessionIndexes {
  static final String MEDIA_SERVER_STATE = "mediaServer_state";
  static final String LOSS_NOTICE_RETRY = "lossNotice_retryAt";
  private static final Logger log = LoggerFactory.getLogger(SessionIndexes.class);

  public SessionIndexes(MongoTemplate mongo) {
    create(mongo, Indexes.ascending(SessionFields.MEDIA_SERVER, SessionFields.STATE),
        new IndexOptions().name(MEDIA_SERVER_STATE));
    create(mongo, Indexes.ascending(LossNotice.FIELD + "." + LossNotice.RETRY_AT),
        new IndexOptions().name(LOSS_NOTICE_RETRY).sparse(true));
  }

  private static void create(MongoTemplate mongo, Bson keys, IndexOptions options) {
    try {
      mongo.getCollection(Topology.SESSIONS_COLLECTION).createIndex(keys, options);
    } catch (RuntimeException e) {
      // Only speed depends on it; the queries are right without it.
      log.warn("Could not create the index {} of {}: {}", options.getName(), Topology.SESSIONS_COLLECTION, e.toString());
    }
  }
}
