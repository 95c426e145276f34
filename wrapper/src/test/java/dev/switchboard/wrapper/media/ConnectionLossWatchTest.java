package dev.switchboard.wrapper.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.messages.ConnectionFailed;
import dev.switchboard.wrapper.testing.FakeEndpoint;
import dev.switchboard.wrapper.testing.HandlerFixture;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kurento.client.ConnectionState;
import org.kurento.client.MediaFlowState;

/**
 * The grace before ConnectionFailed, driven by the endpoint events the subscriptions receive and a
 * hand-moved clock (grace 4 s in the test settings).
 */
class ConnectionLossWatchTest {
  private static final HandlerFixture fixture = new HandlerFixture();
  private static final Duration GRACE = fixture.servers.properties().connectionLossGrace();

  private FakeEndpoint publisher;
  private String participant;
  private String sessionId;

  @AfterAll
  static void close() {
    fixture.close();
  }

  @BeforeEach
  void negotiated() {
    fixture.sent.clear();
    sessionId = fixture.newSession("a");
    participant = "p-" + UUID.randomUUID().toString().substring(0, 8);
    fixture.joins.handle(fixture.join(sessionId, participant));
    fixture.offers.handle(fixture.offer(sessionId, participant, participant, "offer"));
    publisher = fixture.servers.endpoint(fixture.store.findRecord(sessionId).orElseThrow()
        .participant(participant).orElseThrow().publisher().id());
    publisher.emitConnection(ConnectionState.CONNECTED);
    publisher.emitFlowIn(MediaFlowState.FLOWING);
  }

  private long notices() {
    fixture.lossWatch.sweep();
    return fixture.to("user." + participant, ConnectionFailed.class).size();
  }

  @Test
  void aLossShorterThanTheGraceIsNotReported() {
    publisher.emitConnection(ConnectionState.DISCONNECTED);
    fixture.clock.advance(GRACE.minusMillis(100));
    assertThat(notices()).isZero();

    publisher.emitConnection(ConnectionState.CONNECTED);
    fixture.clock.advance(GRACE.multipliedBy(3));
    assertThat(notices()).as("recovered within the grace").isZero();
  }

  @Test
  void aLossLongerThanTheGraceIsReportedOnceWhileItLasts() {
    publisher.emitFlowIn(MediaFlowState.NOT_FLOWING);
    fixture.clock.advance(GRACE);
    assertThat(notices()).isEqualTo(1);
    assertThat(fixture.to("user." + participant, ConnectionFailed.class))
        .containsExactly(new ConnectionFailed(participant, "no video received"));

    publisher.emitConnection(ConnectionState.DISCONNECTED);
    fixture.clock.advance(GRACE.multipliedBy(5));
    assertThat(notices()).as("still the same loss").isEqualTo(1);
  }

  @Test
  void onlyAFullRecoveryRearmsTheNotice() {
    publisher.emitConnection(ConnectionState.DISCONNECTED);
    publisher.emitFlowIn(MediaFlowState.NOT_FLOWING);
    fixture.clock.advance(GRACE);
    assertThat(notices()).isEqualTo(1);

    publisher.emitConnection(ConnectionState.CONNECTED);
    fixture.clock.advance(GRACE);
    assertThat(notices()).as("media still does not flow: same loss").isEqualTo(1);

    publisher.emitFlowIn(MediaFlowState.FLOWING);
    publisher.emitFlowIn(MediaFlowState.NOT_FLOWING);
    fixture.clock.advance(GRACE.minusMillis(1));
    assertThat(notices()).isEqualTo(1);
    fixture.clock.advance(Duration.ofMillis(1));
    assertThat(notices()).as("a second loss after a recovery").isEqualTo(2);
  }

  @Test
  void aReleasedEndpointIsForgotten() {
    publisher.emitConnection(ConnectionState.DISCONNECTED);
    fixture.relay.forget(sessionId, publisher.id());
    fixture.clock.advance(GRACE.multipliedBy(2));
    assertThat(notices()).isZero();
  }
}
