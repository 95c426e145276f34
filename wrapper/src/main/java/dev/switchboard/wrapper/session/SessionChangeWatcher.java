package dev.switchboard.wrapper.session;

import com.mongodb.MongoException;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import dev.switchboard.contracts.Topology;
import dev.switchboard.wrapper.config.WrapperProperties;
import dev.switchboard.wrapper.media.EndpointSubscriptions;
import dev.switchboard.wrapper.messaging.SessionQueueConsumers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Follows the {@code sessions} change stream so that this instance consumes exactly the queues
 * of the sessions that exist: an insert starts consuming {@code session.{sid}}, a delete stops.
 * One thread of its own runs the loop; the other methods only flip flags.
 *
 * <p>The stream resumes from the position saved in {@code wrapper_state} ({@code startAfter},
 * which also survives an invalidate), or starts now. Right after opening it, the collection is
 * read once (reconciliation): together they miss nothing that happened while the instance was
 * down. Only insert and delete events matter (update events are incomplete on the embedded
 * MongoDB). Empty polls sleep {@code change-stream-poll-interval}: the embedded server answers
 * them at once and would otherwise keep a core busy.
 */
@Component
public class SessionChangeWatcher implements SmartLifecycle {
  /** Starts after, and stops before, the listener containers. */
  public static final int PHASE = Integer.MAX_VALUE - 100;
  private static final Logger log = LoggerFactory.getLogger(SessionChangeWatcher.class);
  private static final Duration REOPEN_DELAY = Duration.ofSeconds(1);
  /** How often every existing session is made sure of, whatever the stream reported. */
  private static final Duration RECONCILE_INTERVAL = Duration.ofSeconds(5);
  private static final Duration STOP_GRACE = Duration.ofSeconds(2);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  private final MongoTemplate mongo;
  private final SessionStore store;
  private final ResumeTokenStore tokens;
  private final SessionQueueConsumers consumers;
  private final EndpointSubscriptions subscriptions;
  private final Clock clock;
  private final String instanceId;
  private final Duration pollInterval;
  private final Duration saveInterval;
  private volatile boolean running;
  private volatile boolean watching;
  private volatile Thread thread;

  public SessionChangeWatcher(MongoTemplate mongo, SessionStore store, ResumeTokenStore tokens,
      SessionQueueConsumers consumers, EndpointSubscriptions subscriptions, Clock clock, WrapperProperties properties) {
    this.mongo = mongo;
    this.store = store;
    this.tokens = tokens;
    this.consumers = consumers;
    this.subscriptions = subscriptions;
    this.clock = clock;
    this.instanceId = properties.instanceId();
    this.pollInterval = properties.changeStreamPollInterval();
    this.saveInterval = properties.resumeTokenSaveInterval();
  }

  /** True once the stream is open and the collection reconciled (for health and tests). */
  public boolean isWatching() {
    return watching;
  }

  @Override
  public void start() {
    running = true;
    thread = Thread.ofVirtual().name("session-watcher-" + instanceId).start(this::run);
  }

  @Override
  public void stop() {
    running = false;
    Thread current = thread;
    if (current != null) {
      try {
        // Normally the loop sees the flag within one poll; a thread stuck in a MongoDB call
        // (server unreachable) is interrupted out of it.
        if (!current.join(STOP_GRACE)) {
          current.interrupt();
          if (!current.join(STOP_TIMEOUT)) {
            log.warn("The change-stream watcher did not stop within {}", STOP_TIMEOUT);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    watching = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  private void run() {
    while (running) {
      try {
        watch();
      } catch (RuntimeException e) {
        watching = false;
        if (!running) {
          break;
        }
        log.warn("The sessions change stream failed; reopening it in {}: {}", REOPEN_DELAY, e.toString());
        sleep(REOPEN_DELAY);
      }
    }
  }

  /** Watches until stopped, or until the stream is invalidated (then the caller reopens it). */
  private void watch() {
    try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor = open()) {
      consumers.consumeExactly(store.allSessionIds());
      watching = true;
      log.info("Watching the sessions collection; consuming {} session queues", consumers.consumed().size());
      BsonDocument saved = null;
      Instant savedAt = clock.instant();
      Instant reconciledAt = clock.instant();
      while (running) {
        ChangeStreamDocument<Document> change = cursor.tryNext();
        if (clock.instant().isAfter(reconciledAt.plus(RECONCILE_INTERVAL))) {
          // The driver resumes a broken stream by itself, without telling: a database that restarted
          // and lost its oplog position (the embedded one does) would then never report inserts made
          // meanwhile. Consuming every existing session now and then closes that gap; additive only,
          // so a session created since the read is never stopped by it (deletes stop queues).
          Set<String> consumed = consumers.consumed();
          store.allSessionIds().stream().filter(id -> !consumed.contains(id))
              .filter(store::exists) // ended since the read: its queue must not come back
              .forEach(consumers::consume);
          reconciledAt = clock.instant();
        }
        if (change == null) {
          // Idle: save the position now and then so a restart has little to replay.
          BsonDocument position = cursor.getResumeToken();
          if (position != null && !position.equals(saved)
              && clock.instant().isAfter(savedAt.plus(saveInterval))) {
            tokens.save(instanceId, position);
            saved = position;
            savedAt = clock.instant();
          }
          sleep(pollInterval);
          continue;
        }
        if (!apply(change)) {
          return;
        }
        tokens.save(instanceId, change.getResumeToken());
        saved = change.getResumeToken();
        savedAt = clock.instant();
      }
    } finally {
      watching = false;
    }
  }

  private MongoChangeStreamCursor<ChangeStreamDocument<Document>> open() {
    MongoCollection<Document> sessions = mongo.getCollection(Topology.SESSIONS_COLLECTION);
    BsonDocument token = tokens.load(instanceId).orElse(null);
    if (token != null) {
      try {
        return sessions.watch().startAfter(token).cursor();
      } catch (MongoException e) {
        // The position fell out of the oplog: reconciliation covers what the stream cannot replay.
        log.warn("Cannot resume the sessions change stream from the saved position, watching from now: {}",
            e.toString());
        tokens.clear(instanceId);
      }
    }
    return sessions.watch().cursor();
  }

  /** Applies one event; false when the stream must be reopened. */
  private boolean apply(ChangeStreamDocument<Document> change) {
    switch (change.getOperationType()) {
      case INSERT -> {
        String sessionId = sessionId(change);
        // A replayed insert of a session deleted since must not bring its queue back.
        if (sessionId != null && store.exists(sessionId)) {
          consumers.consume(sessionId);
        }
      }
      case DELETE -> {
        String sessionId = sessionId(change);
        if (sessionId != null) {
          consumers.stop(sessionId);
          subscriptions.forget(sessionId);
        }
      }
      case INVALIDATE, DROP, DROP_DATABASE, RENAME -> {
        log.warn("The sessions change stream ended ({}); reopening it from now", change.getOperationType());
        tokens.clear(instanceId);
        return false;
      }
      default -> {
        // Updates change nothing about which queues to consume.
      }
    }
    return true;
  }

  private static String sessionId(ChangeStreamDocument<Document> change) {
    BsonDocument key = change.getDocumentKey();
    BsonValue id = key == null ? null : key.get("_id");
    if (id != null && id.isString()) {
      return id.asString().getValue();
    }
    Document full = change.getFullDocument();
    Object fromDocument = full == null ? null : full.get("_id");
    return fromDocument == null ? null : Objects.toString(fromDocument);
  }

  private void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
