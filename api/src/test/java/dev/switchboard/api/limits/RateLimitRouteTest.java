package dev.switchboard.api.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.support.ApiClient;
import dev.switchboard.api.support.ApiClient.Participant;
import dev.switchboard.api.support.ApiIntegrationTest;
import dev.switchboard.api.support.Broker;
import dev.switchboard.contracts.Topology;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Rate limits on the routes: 429 RATE_LIMITED with Retry-After once a budget is spent, nothing
 * sent for a refused request, budgets per participant that another participant (or someone holding
 * only the id) cannot spend, and budgets refilled with time. Limits are tiny here so the test stays
 * small; the address budget is large so it does not interfere, except in its own test.
 */
@TestPropertySource(properties = {
    "switchboard.api.rate-limit.participant-per-second=1",
    "switchboard.api.rate-limit.participant-burst=3",
    "switchboard.api.rate-limit.address-per-second=1",
    "switchboard.api.rate-limit.address-burst=60"})
class RateLimitRouteTest extends ApiIntegrationTest {
  /** Each test moves the clock further than the last: the base class resets it after each test. */
  private static final AtomicInteger HOURS_AHEAD = new AtomicInteger();

  private void refillEveryBucket() {
    clock.advance(Duration.ofHours(HOURS_AHEAD.incrementAndGet()));
  }

  @Test
  void aParticipantOverItsBudgetGets429AndItsRefusedCandidateIsNotSent() {
    refillEveryBucket();
    String sid = newSession();
    Participant alice = join(sid, "alice");
    Participant bob = join(sid, "bob");
    Broker.take(Topology.sessionQueue(sid), body -> true);

    for (int i = 0; i < 3; i++) {
      ApiClient.Response passed = api.get(alice.path() + "/ice-servers", alice.token());
      assertThat(passed.status()).as("request %d: %s", i, passed.body()).isEqualTo(200);
    }
    ApiClient.Response refused = api.post(alice.path() + "/candidates",
        "{\"target\":\"" + alice.participantId() + "\",\"candidate\":\"candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host\","
            + "\"sdpMid\":\"0\",\"sdpMLineIndex\":0}", alice.token());

    assertThat(refused.status()).as(refused.body()).isEqualTo(429);
    assertThat(refused.error().code()).isEqualTo("RATE_LIMITED");
    assertThat(refused.raw().headers().firstValue("Retry-After")).hasValue("1");
    assertThat(Broker.take(Topology.sessionQueue(sid), body -> body.contains("addIceCandidate"))).isEmpty();
    assertThat(api.get(bob.path() + "/ice-servers", bob.token()).status()).as("bob has his own budget").isEqualTo(200);

    clock.advance(Duration.ofSeconds(1));
    assertThat(api.get(alice.path() + "/ice-servers", alice.token()).status()).as("refilled after 1 s").isEqualTo(200);
  }

  @Test
  void requestsWithAParticipantsIdButNotItsTokenDoNotSpendItsBudget() {
    refillEveryBucket();
    String sid = newSession();
    Participant alice = join(sid, "alice");
    Participant mallory = join(sid, "mallory");

    for (int i = 0; i < 10; i++) {
      assertThat(api.get(alice.path() + "/ice-servers", mallory.token()).status()).isEqualTo(403);
    }

    assertThat(api.get(alice.path() + "/ice-servers", alice.token()).status()).isEqualTo(200);
  }

  @Test
  void oneAddressOverItsBudgetGets429() {
    refillEveryBucket();
    java.time.Instant start = clock.instant();
    int created = 0;
    ApiClient.Response last = null;
    for (int i = 0; i < 100; i++) {
      last = api.post("/api/sessions", null, dev.switchboard.api.support.ApiClient.APPLICATION_KEY);
      if (last.status() != 201) {
        break;
      }
      remember(last.as(dev.switchboard.contracts.rest.CreateSessionResponse.class).sessionId());
      created++;
    }

    // The burst, plus one per second of the (real) time the loop took.
    long seconds = Duration.between(start, clock.instant()).toSeconds() + 1;
    assertThat(created).isBetween(60, 60 + (int) seconds);
    assertThat(last.status()).isEqualTo(429);
    assertThat(last.error().code()).isEqualTo("RATE_LIMITED");
  }
}
