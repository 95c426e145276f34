package dev.switchboard.wrapper.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import com.mongodb.client.MongoClient;
import dev.switchboard.wrapper.media.EndpointSubscriptions;
import dev.switchboard.wrapper.media.KurentoRef;
import dev.switchboard.wrapper.media.MediaServerPool;
import dev.switchboard.wrapper.messaging.SessionQueueConsumers;
import dev.switchboard.wrapper.testing.EmbeddedMongo;
import dev.switchboard.wrapper.testing.FakeMediaServers;
import dev.switchboard.wrapper.testing.TestMongoTemplates;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The change stream against the embedded MongoDB with its oplog: inserts and deletes drive the
 * consumed queues, start-up reconciles, and a restarted instance resumes from its saved token.
 */
class SessionChangeWatcherTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static EmbeddedMongo mongo;
  private static MongoClient client;
  private static FakeMediaServers servers;
  private static MediaServerPool pool;
  private static MongoTemplate template;
  private static SessionStore store;
  private static ResumeTokenStore tokens;

  private final SessionQueueConsumers consumers = mock(SessionQueueConsumers.class);
  private final EndpointSubscriptions relay = mock(EndpointSubscriptions.class);
  private SessionChangeWatcher watcher;

  @BeforeAll
  static void startMongo() {
    mongo = EmbeddedMongo.start();
    client = mongo.client();
    servers = new FakeMediaServers("a");
    pool = servers.pool(Clock.systemUTC());
    template = TestMongoTemplates.create(client, "watcher-test", pool);
    store = new SessionStore(template, Clock.systemUTC());
    tokens = new ResumeTokenStore(template, Clock.systemUTC());
  }

  @AfterAll
  static void stopMongo() {
    pool.close();
    client.close();
    mongo.close();
  }

  @AfterEach
  void stopWatcher() {
    if (watcher != null) {
      watcher.stop();
    }
  }

  @Test
  void anInsertedSessionIsConsumedAndADeletedOneIsNot() {
    watcher = start("w-insert-delete", consumers);
    String sessionId = newSession();

    verify(consumers, timeout(WAIT.toMillis())).consume(sessionId);

    store.claimIfEmpty(sessionId);
    store.deleteClosing(sessionId);
    verify(consumers, timeout(WAIT.toMillis())).stop(sessionId);
    verify(relay, timeout(WAIT.toMillis())).forget(sessionId);
  }

  @Test
  void startUpReconcilesWithTheSessionsThatExist() {
    String existing = newSession();

    watcher = start("w-reconcile-" + UUID.randomUUID(), consumers);

    verify(consumers).consumeExactly(argThat(ids -> ids.contains(existing)));
    // Without a saved position the stream starts now: the older insert is not replayed.
    verify(consumers, never()).consume(existing);
  }

  @Test
  void aRestartedInstanceResumesFromItsSavedPosition() {
    String instanceId = "w-resume-" + UUID.randomUUID();
    watcher = start(instanceId, consumers);
    String seen = newSession();
    verify(consumers, timeout(WAIT.toMillis())).consume(seen);
    await().atMost(WAIT).until(() -> tokens.load(instanceId).isPresent());
    watcher.stop();

    // While the instance is down: one session created, one deleted.
    String createdMeanwhile = newSession();
    store.claimIfEmpty(seen);
    store.deleteClosing(seen);

    SessionQueueConsumers afterRestart = mock(SessionQueueConsumers.class);
    watcher = start(instanceId, afterRestart);

    // Replayed from the saved position, not only found by the reconciliation.
    verify(afterRestart, timeout(WAIT.toMillis())).consume(createdMeanwhile);
    verify(afterRestart, timeout(WAIT.toMillis())).stop(seen);
    verify(afterRestart).consumeExactly(anyCollection());
  }

  @Test
  void stoppingEndsTheWatch() {
    watcher = start("w-stop-" + UUID.randomUUID(), consumers);

    watcher.stop();

    assertThat(watcher.isRunning()).isFalse();
    assertThat(watcher.isWatching()).isFalse();
  }

  private SessionChangeWatcher start(String instanceId, SessionQueueConsumers queues) {
    SessionChangeWatcher started = new SessionChangeWatcher(template, store, tokens, queues, relay, Clock.systemUTC(),
        servers.properties(instanceId));
    started.start();
    await().atMost(WAIT).until(started::isWatching);
    return started;
  }

  private static String newSession() {
    String sessionId = "s-" + UUID.randomUUID();
    store.insertNew(sessionId, "a", new KurentoRef("a", servers.server("a").newPipeline().getId()));
    return sessionId;
  }
}
