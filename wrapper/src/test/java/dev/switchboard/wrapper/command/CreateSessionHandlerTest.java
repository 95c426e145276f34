package dev.switchboard.wrapper.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;

import dev.switchboard.contracts.bus.CreateSession;
import dev.switchboard.wrapper.messaging.SessionQueueConsumers;
import dev.switchboard.wrapper.session.SessionRecord;
import dev.switchboard.wrapper.session.SessionStore;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import dev.switchboard.wrapper.testing.HandlerFixture;

/** Creating a session: placement, idempotency, one pipeline per session. */
class CreateSessionHandlerTest {
  private static final HandlerFixture fixture = new HandlerFixture();
  private final SessionQueueConsumers consumers = mock(SessionQueueConsumers.class);

  @AfterAll
  static void close() {
    fixture.close();
  }

  @Test
  void createsThePipelineOnTheLeastLoadedServer() {
    fixture.servers.server("a").setUsedMemoryKib(900_000);
    fixture.servers.server("b").setUsedMemoryKib(100_000);
    String sessionId = "s-" + UUID.randomUUID();
    CreateSessionHandler handler = new CreateSessionHandler(fixture.store, fixture.pool, fixture.releaser, fixture.placement, consumers,
        fixture.webhooks);

    handler.handle(new CreateSession("c-1", sessionId, Instant.EPOCH));

    SessionRecord session = fixture.store.findRecord(sessionId).orElseThrow();
    assertThat(session.mediaServer()).isEqualTo("b");
    assertThat(session.pipeline().server()).isEqualTo("b");
    assertThat(fixture.servers.server("b").pipelines()).contains(session.pipeline().id());
    assertThat(session.epoch()).isEqualTo(1);
    assertThat(session.state()).isEqualTo("ACTIVE");
    // This instance consumes the new queue at once, without waiting for its change stream.
    verify(consumers).consume(sessionId);
  }

  @Test
  void aRedeliveredCreateMakesNoSecondPipeline() {
    String sessionId = "s-" + UUID.randomUUID();
    CreateSessionHandler handler = new CreateSessionHandler(fixture.store, fixture.pool, fixture.releaser, fixture.placement, consumers,
        fixture.webhooks);
    CreateSession create = new CreateSession("c-2", sessionId, Instant.EPOCH);
    handler.handle(create);
    int pipelines = fixture.servers.server("a").pipelines().size() + fixture.servers.server("b").pipelines().size();

    handler.handle(create);

    assertThat(fixture.servers.server("a").pipelines().size() + fixture.servers.server("b").pipelines().size())
        .isEqualTo(pipelines);
  }

  @Test
  void whenAnotherInstanceInsertedFirstThePipelineMadeHereIsReleased() {
    String sessionId = "s-" + UUID.randomUUID();
    fixture.handlerlessInsert(sessionId);
    SessionStore racing = spy(fixture.store);
    // This instance checked before the other one inserted.
    doReturn(false).when(racing).exists(sessionId);
    CreateSessionHandler handler = new CreateSessionHandler(racing, fixture.pool, fixture.releaser, fixture.placement, consumers,
        fixture.webhooks);

    handler.handle(new CreateSession("c-3", sessionId, Instant.EPOCH));

    String kept = fixture.store.findRecord(sessionId).orElseThrow().pipeline().id();
    String server = fixture.pool.leastLoaded();
    String madeHere = fixture.servers.server(server).pipelines().getLast();
    assertThat(madeHere).isNotEqualTo(kept);
    assertThat(fixture.servers.server(server).released()).contains(madeHere).doesNotContain(kept);
  }
}
