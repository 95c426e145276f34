package dev.switchboard.wrapper.failover;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The drained flag of each media server, kept in the {@code media_servers} collection (one
 * document per server, {@code _id} = server id) so that every wrapper instance sees the
 * operator's decision. Read afresh on every question, without a cache: it is asked only to place
 * a new or moved session, and once a drain is answered no instance may place a session there.
 * Thread-safe (stateless).
 */
@Component
public class DrainedServers {
  static final String COLLECTION = "media_servers";
  private static final String DRAINED = "drained";

  private final MongoTemplate mongo;
  private final Clock clock;

  public DrainedServers(MongoTemplate mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  /** Marks the server drained (or not); an upsert, so the same command twice changes nothing more. */
  public void setDrained(String serverId, boolean drained) {
    mongo.upsert(query(where("_id").is(serverId)),
        new Update().set(DRAINED, drained).set("updatedAt", clock.instant()), COLLECTION);
  }

  public boolean isDrained(String serverId) {
    return drained().contains(serverId);
  }

  /** The drained servers, as stored now. */
  public Set<String> drained() {
    Set<String> read = new HashSet<>();
    mongo.getCollection(COLLECTION).find(new Document(DRAINED, true)).projection(new Document("_id", 1))
        .forEach(document -> read.add(document.get("_id").toString()));
    return Set.copyOf(read);
  }
}
