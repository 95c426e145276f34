package dev.switchboard.wrapper.command;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.switchboard.wrapper.config.WrapperProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The server-side limit on renegotiations (a new offer replacing a negotiated endpoint): at most
 * {@code rejoin-limit-per-minute} per connection (participant and target) in any sliding minute,
 * counted across all instances in {@code rejoin_budgets} (one document per connection);
 * thread-safe. Per connection, not per participant: one network blip on a client's side breaks
 * all its connections at once, and a participant with many receivers must get all of them back.
 *
 * <p>The document keeps the times of the last N renegotiations, oldest first. One conditional
 * upsert both checks and spends: it matches only while fewer than N are kept or the oldest of
 * them is more than a minute old, and pushes the new time while trimming to the last N. When it
 * does not match, the upsert's insert collides with the existing id: the budget is spent. The
 * documents expire by themselves (TTL index on {@code expiresAt}).
 */
@Component
public class RejoinBudget {
  private static final Logger log = LoggerFactory.getLogger(RejoinBudget.class);
  static final String COLLECTION = "rejoin_budgets";
  static final Duration WINDOW = Duration.ofMinutes(1);

  private final MongoTemplate mongo;
  private final Clock clock;
  private final int limit;

  public RejoinBudget(MongoTemplate mongo, Clock clock, WrapperProperties properties) {
    this.mongo = mongo;
    this.clock = clock;
    this.limit = properties.rejoinLimitPerMinute();
    try {
      collection().createIndex(Indexes.ascending("expiresAt"), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
    } catch (RuntimeException e) {
      // Only cleanup depends on it: a missing index leaves small documents behind.
      log.warn("Could not create the TTL index of {}: {}", COLLECTION, e.toString());
    }
  }

  /** Spends one renegotiation of the connection; false (and nothing spent) when none is left. */
  public boolean trySpend(String sessionId, String participantId, String target) {
    Instant now = clock.instant();
    Date windowStart = Date.from(now.minus(WINDOW));
    String id = sessionId + "/" + participantId + "/" + target;
    try {
      collection().updateOne(
          Filters.and(Filters.eq("_id", id),
              Filters.or(Filters.exists("at." + (limit - 1), false), Filters.lte("at.0", windowStart))),
          Updates.combine(
              Updates.pushEach("at", List.of(Date.from(now)), new PushOptions().slice(-limit)),
              Updates.set("expiresAt", Date.from(now.plus(WINDOW)))),
          new UpdateOptions().upsert(true));
      return true;
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        return false;
      }
      throw e;
    }
  }

  public int limit() {
    return limit;
  }

  private MongoCollection<Document> collection() {
    return mongo.getDb().getCollection(COLLECTION);
  }
}
