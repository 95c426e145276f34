package dev.switchboard.wrapper.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;

import dev.switchboard.contracts.messages.MediaServerLost;
import dev.switchboard.wrapper.failover.SessionRecovery.Outcome;
import dev.switchboard.wrapper.session.LossNotice;
import dev.switchboard.wrapper.session.LossNoticeStore;
import dev.switchboard.wrapper.session.SessionRecord;
import dev.switchboard.wrapper.testing.HandlerFixture;
import java.time.Duration;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.AmqpIOException;

/**
 * The notice a move owes is delivered at least once: written with the move, removed once sent,
 * and sent again by any instance when its sender failed or died in between; never for another
 * epoch, never by two instances at once, and given up after {@link LossAnnouncer#MAX_AGE}.
 */
class LossNoticeTest {
  private static final HandlerFixture fixture = new HandlerFixture();

  @AfterAll
  static void close() {
    fixture.close();
  }

  @BeforeEach
  void serverALostAndNothingDue() {
    fixture.clock.advance(Duration.ofHours(1)); // past any earlier test's notices and quarantines
    fixture.announcer.resendDue();
    fixture.health.succeeded("b");
    fixture.servers.server("a").setDown(false);
    fixture.sent.clear();
    fixture.webhookEvents.clear();
  }

  @Test
  void aMoveTellsEveryoneOnceAndLeavesNoNoticeBehind() {
    String sessionId = sessionOn("a");
    SessionRecord seen = fixture.store.findRecord(sessionId).orElseThrow();
    fixture.health.failed("a", "test");

    assertThat(fixture.recovery.recover(seen, "a", RecoveryCause.LOST, fixture.clock.instant()))
        .isEqualTo(Outcome.REBOUND);

    assertThat(rawNotice(sessionId)).as("the notice, once sent").isNull();
    assertThat(fixture.to("session." + sessionId, MediaServerLost.class)).singleElement()
        .extracting(MediaServerLost::epoch).isEqualTo(seen.epoch() + 1);
    assertThat(movedWebhooks(sessionId)).hasSize(1);
    fixture.clock.advance(Duration.ofMinutes(1));
    assertThat(fixture.announcer.resendDue()).as("nothing is due").isZero();
    assertThat(fixture.to("session." + sessionId, MediaServerLost.class)).hasSize(1);
  }

  @Test
  void aNoticeTheBrokerRefusedIsSentAgainAfterTheRetryDelay_withTheSameWebhookId() {
    String sessionId = sessionOn("a");
    SessionRecord seen = fixture.store.findRecord(sessionId).orElseThrow();
    fixture.health.failed("a", "test");
    doThrow(new AmqpIOException(new java.io.IOException("broker down"))).when(fixture.publisher)
        .toSession(eq(sessionId), any());

    assertThat(fixture.recovery.recover(seen, "a", RecoveryCause.LOST, fixture.clock.instant()))
        .as("the move happened even though nobody could be told yet").isEqualTo(Outcome.REBOUND);
    assertThat(fixture.to("session." + sessionId, MediaServerLost.class)).isEmpty();
    assertThat(rawNotice(sessionId)).as("kept for a retry").isNotNull();

    doAnswer(invocation -> fixture.sent.add(new HandlerFixture.Sent("session." + sessionId,
        invocation.getArgument(1)))).when(fixture.publisher).toSession(eq(sessionId), any());
    fixture.clock.advance(fixture.failover.noticeRetryAfter().minusMillis(1));
    assertThat(fixture.announcer.resendDue()).as("not before the retry delay").isZero();
    fixture.clock.advance(Duration.ofMillis(1));
    assertThat(fixture.announcer.resendDue()).isEqualTo(1);

    assertThat(fixture.to("session." + sessionId, MediaServerLost.class)).singleElement()
        .satisfies(lost -> assertThat(lost.epoch()).isEqualTo(seen.epoch() + 1))
        .satisfies(lost -> assertThat(lost.reason()).contains("media server a was lost", "moved to b"));
    assertThat(movedWebhooks(sessionId)).as("queued twice, one delivery id").hasSize(2)
        .extracting(dev.switchboard.contracts.webhooks.WebhookEvent::id).containsOnly(movedWebhooks(sessionId).getFirst().id());
    assertThat(rawNotice(sessionId)).isNull();
    fixture.clock.advance(Duration.ofMinutes(1));
    assertThat(fixture.announcer.resendDue()).isZero();
  }

  @Test
  void aSenderThatDiedAfterTheMoveIsStoodInForByExactlyOneInstance() {
    String sessionId = sessionOn("a");
    SessionRecord seen = fixture.store.findRecord(sessionId).orElseThrow();
    LossNotice notice = fixture.announcer.noticeOf(seen.epoch() + 1, "a", "b", RecoveryCause.LOST, "a was lost");
    // The move as the dying instance wrote it, and nothing after.
    fixture.bindings.rebindAfterLoss(sessionId, seen.epoch(), "b", null, notice).orElseThrow();
    fixture.clock.advance(fixture.failover.noticeRetryAfter());

    List<LossNoticeStore.Due> due = fixture.lossNotices.findDue(fixture.clock.instant());
    assertThat(due).extracting(LossNoticeStore.Due::sessionId).containsExactly(sessionId);
    LossNotice seenDue = due.getFirst().notice();
    assertThat(seenDue).isEqualTo(notice);
    assertThat(fixture.lossNotices.claim(sessionId, seenDue, fixture.clock.instant().plusSeconds(5))).isTrue();
    assertThat(fixture.lossNotices.claim(sessionId, seenDue, fixture.clock.instant().plusSeconds(5)))
        .as("a second instance with the same view").isFalse();
    assertThat(fixture.announcer.resendDue()).as("claimed: not due until the claim runs out").isZero();
    assertThat(fixture.to("session." + sessionId, MediaServerLost.class)).isEmpty();

    fixture.clock.advance(Duration.ofSeconds(5));
    assertThat(fixture.announcer.resendDue()).isEqualTo(1);
    assertThat(fixture.to("session." + sessionId, MediaServerLost.class)).singleElement()
        .extracting(MediaServerLost::epoch).isEqualTo(seen.epoch() + 1);
  }

  @Test
  void aNoticeOfAnOlderMoveNeverClearsTheNewerOne() {
    String sessionId = sessionOn("a");
    long epoch = fixture.store.findRecord(sessionId).orElseThrow().epoch();
    fixture.bindings.rebindAfterLoss(sessionId, epoch, "b", null,
        fixture.announcer.noticeOf(epoch + 1, "a", "b", RecoveryCause.LOST, "first")).orElseThrow();
    fixture.bindings.rebindAfterLoss(sessionId, epoch + 1, "a", null,
        fixture.announcer.noticeOf(epoch + 2, "b", "a", RecoveryCause.LOST, "second")).orElseThrow();

    fixture.lossNotices.sent(sessionId, epoch + 1);

    assertThat(rawNotice(sessionId)).as("the newer move's notice").isNotNull()
        .satisfies(raw -> assertThat(((Number) raw.get("epoch")).longValue()).isEqualTo(epoch + 2));
  }

  @Test
  void aNoticeThatCouldNotBeSentForTenMinutesIsGivenUp() {
    String sessionId = sessionOn("a");
    long epoch = fixture.store.findRecord(sessionId).orElseThrow().epoch();
    fixture.bindings.rebindAfterLoss(sessionId, epoch, "b", null,
        fixture.announcer.noticeOf(epoch + 1, "a", "b", RecoveryCause.LOST, "old news")).orElseThrow();
    double abandoned = resent("abandoned");

    fixture.clock.advance(LossAnnouncer.MAX_AGE.plusSeconds(1));
    assertThat(fixture.announcer.resendDue()).isZero();

    assertThat(rawNotice(sessionId)).isNull();
    assertThat(fixture.to("session." + sessionId, MediaServerLost.class)).isEmpty();
    assertThat(resent("abandoned")).isEqualTo(abandoned + 1);
  }

  private static String sessionOn(String server) {
    String sessionId = fixture.newSession(server);
    fixture.joins.handle(fixture.join(sessionId, "p1"));
    fixture.offers.handle(fixture.offer(sessionId, "p1", "p1", "o1"));
    return sessionId;
  }

  private static Document rawNotice(String sessionId) {
    Document raw = fixture.template.getCollection("sessions").find(new Document("_id", sessionId)).first();
    return raw == null ? null : raw.get("lossNotice", Document.class);
  }

  private static List<dev.switchboard.contracts.webhooks.MediaServerLost> movedWebhooks(String sessionId) {
    return fixture.webhookEvents.stream()
        .filter(dev.switchboard.contracts.webhooks.MediaServerLost.class::isInstance)
        .map(dev.switchboard.contracts.webhooks.MediaServerLost.class::cast)
        .filter(event -> event.sessionId().equals(sessionId)).toList();
  }

  private static double resent(String outcome) {
    var counter = fixture.registry.find("switchboard.recovery.notices.resent").tag("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }
}
