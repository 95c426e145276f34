package dev.switchboard.webrtc.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.switchboard.webrtc.stun.StunDecoder;
import dev.switchboard.webrtc.stun.StunIntegrity;
import dev.switchboard.webrtc.stun.StunMessage;
import dev.switchboard.webrtc.stun.StunMutator;
import dev.switchboard.webrtc.stun.StunParseException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Seeded, bounded fuzzing of {@link IceLiteResponder} and {@link IceControllingChecker} with
 * mutated checks and responses: every input ends in an outcome or a counted rejection, and nothing
 * unauthenticated is ever accepted; single-threaded.
 */
class IceFuzzTest {

    private static final int ITERATIONS = 50_000;
    private static final Duration BUDGET = Duration.ofSeconds(15);
    private static final Duration HANG_LIMIT = Duration.ofSeconds(60);
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private final IceTestPeers peers = new IceTestPeers(0xF022_1CEL);

    @Test
    void responderAlwaysReachesAnOutcomeAndOnlyAnswersAuthenticChecks() {
        byte[] serverKey = StunIntegrity.shortTermKey(peers.server.pwd());
        IceControllingChecker checker = peers.checker(true);
        int[] outcomes = new int[4];
        run((i, now) -> {
            byte[] input = StunMutator.mutate(checker.nextRequest(now), peers.random);
            StunMessage msg;
            try {
                msg = StunDecoder.decode(input, 0, input.length);
            } catch (StunParseException e) {
                outcomes[3]++;
                return;
            }
            switch (IceLiteResponder.respond(peers.server, msg, input, 0, input.length, peers.clientAddress)) {
                case BindingOutcome.Answered a -> {
                    assertThat(StunIntegrity.verifyMessageIntegrity(input, 0, input.length, serverKey)).isTrue();
                    assertThat(StunIntegrity.verifyMessageIntegrity(a.response(), 0, a.response().length, serverKey))
                            .isTrue();
                    outcomes[0]++;
                }
                case BindingOutcome.Rejected r -> {
                    assertThat(StunDecoder.decode(r.errorResponse(), 0, r.errorResponse().length).errorCode())
                            .isEqualTo(r.errorCode());
                    outcomes[1]++;
                }
                case BindingOutcome.Dropped d -> {
                    assertThat(d.reason()).isNotBlank();
                    outcomes[2]++;
                }
            }
        });
        assertThat(outcomes).as("answered, rejected, dropped, undecodable").doesNotContain(0);
    }

    @Test
    void checkerNeverThrowsAndOnlyAcceptsAuthenticResponses() {
        byte[] serverKey = StunIntegrity.shortTermKey(peers.server.pwd());
        IceControllingChecker checker = peers.checker(false);
        int[] accepted = new int[1];
        run((i, now) -> {
            byte[] response = ((BindingOutcome.Answered) peers.answer(checker.nextRequest(now))).response();
            byte[] input = StunMutator.mutate(response, peers.random);
            if (checker.onResponse(input, 0, input.length)) {
                assertThat(StunIntegrity.verifyMessageIntegrity(input, 0, input.length, serverKey)).isTrue();
                accepted[0]++;
            }
        });
        assertThat(checker.rejectedResponses()).isPositive();
        assertThat(accepted[0]).isPositive();
    }

    /** A fuzz target: gets the iteration and the instant it happens at. */
    private interface Target {
        void run(int iteration, Instant now);
    }

    private static void run(Target target) {
        assertTimeoutPreemptively(HANG_LIMIT, () -> {
            long deadline = System.nanoTime() + BUDGET.toNanos();
            for (int i = 0; i < ITERATIONS && System.nanoTime() < deadline; i++) {
                Instant now = T0.plusMillis(50L * i);
                try {
                    target.run(i, now);
                } catch (AssertionError e) {
                    throw e;
                } catch (RuntimeException e) {
                    fail("iteration " + i + " threw " + e, e);
                }
            }
        });
    }
}
