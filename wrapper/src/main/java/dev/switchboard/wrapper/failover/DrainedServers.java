package dev.switchboard.wrapper.failover;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import dev.switchboard.wrapper.config.FailoverProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The drained flag of each media server, kept in the {@code media_servers} collection (one
 * document per server, {@code _id} = server id) so that every wrapper instance sees the
 * operator's decision; read through a short cache. Thread-safe: the cache is one immutable
 * snapshot in a volatile field.
 */
@Component
public class DrainedServers {
  static final String COLLECTION = "media_servers";
  private static final String DRAINED = "drained";

  private final MongoTemplate mongo;
  private final Clock clock;
  private final FailoverProperties settings;
  private volatile Snapshot snapshot = new Snapshot(Set.of(), Instant.MIN);

  private record Snapshot(Set<String> drained, Instant readAt) {}

  public DrainedServers(MongoTemplate mongo, Clock clock, FailoverProperties settings) {
    this.mongo = mongo;
    this.clock = clock;
    this.settings = settings;
  }

  /** Marks the server drained (or not); an upsert, so the same command twice changes nothing more. */
  public void setDrained(String serverId, boolean drained) {
    mongo.upsert(query(where("_id").is(serverId)),
        new Update().set(DRAINED, drained).set("updatedAt", clock.instant()), COLLECTION);
    snapshot = new Snapshot(Set.of(), Instant.MIN); // read again at the next question
  }

  public boolean isDrained(String serverId) {
    return drained().contains(serverId);
  }

  /** The drained servers, at most {@code serverStateCacheTtl} old. */
  public Set<String> drained() {
    Snapshot current = snapshot;
    Instant now = clock.instant();
    if (current.readAt().plus(settings.serverStateCacheTtl()).isAfter(now)) {
      return current.drained();
    }
    Set<String> read = new HashSet<>();
    mongo.getCollection(COLLECTION).find(new Document(DRAINED, true)).projection(new Document("_id", 1))
        .forEach(document -> read.add(document.get("_id").toString()));
    Snapshot fresh = new Snapshot(Set.copyOf(read), now);
    snapshot = fresh;
    return fresh.drained();
  }
}
