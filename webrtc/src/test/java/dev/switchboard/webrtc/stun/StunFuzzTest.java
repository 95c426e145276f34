package dev.switchboard.webrtc.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded, bounded fuzzing of {@link StunDecoder} and {@link StunIntegrity} with mutated valid
 * messages and plain noise: decoding returns or throws {@link StunParseException}, verification
 * returns a boolean, nothing else happens; single-threaded.
 */
class StunFuzzTest {

    private static final int ITERATIONS = 200_000;
    private static final Duration BUDGET = Duration.ofSeconds(20);
    // The budget ends the loop; this only catches a single input that hangs.
    private static final Duration HANG_LIMIT = Duration.ofSeconds(60);
    private static final long SEED = 0x57_0F_0220L;

    @Test
    void decoderOnlyThrowsStunParseException() throws Exception {
        List<byte[]> seeds = seeds();
        byte[] key = StunIntegrity.shortTermKey(Rfc5769Vectors.PASSWORD);
        Random random = new Random(SEED);
        int[] outcomes = new int[3];
        assertTimeoutPreemptively(HANG_LIMIT, () -> {
            long deadline = System.nanoTime() + BUDGET.toNanos();
            for (int i = 0; i < ITERATIONS && System.nanoTime() < deadline; i++) {
                byte[] input = random.nextInt(20) == 0 ? noise(random)
                        : StunMutator.mutate(seeds.get(random.nextInt(seeds.size())), random);
                try {
                    outcomes[check(input, key)]++;
                } catch (AssertionError e) {
                    throw e;
                } catch (RuntimeException e) {
                    fail("iteration " + i + " threw " + e + " for " + HexFormat.of().formatHex(input), e);
                }
            }
        });
        // Every path must be exercised, not only the first header check.
        assertThat(outcomes).as("rejected, decoded, decoded with integrity and fingerprint").doesNotContain(0);
    }

    /**
     * Checks every invariant for one input and says how far it got: 0 rejected, 1 decoded, 2 decoded
     * with a valid MESSAGE-INTEGRITY and FINGERPRINT. Shared with {@link StunFuzzTarget}.
     */
    static int check(byte[] input, byte[] key) {
        boolean looksLike = StunDecoder.looksLikeStun(input, 0, input.length);
        boolean integrity = input.length > 0 && StunIntegrity.verifyMessageIntegrity(input, 0, input.length, key);
        boolean fingerprint = StunIntegrity.verifyFingerprint(input, 0, input.length);
        StunMessage msg;
        try {
            msg = StunDecoder.decode(input, 0, input.length);
        } catch (StunParseException e) {
            assertThat(e.getMessage()).startsWith("STUN: ").hasSizeGreaterThan(8);
            return 0;
        }
        // RFC 7983 demultiplexes on 0..3 only; RFC 8489 allows first bytes up to 63.
        assertThat(looksLike).isEqualTo((input[0] & 0xFF) <= 3);
        assertThat(msg.attributes().size()).isLessThanOrEqualTo(StunDecoder.MAX_ATTRIBUTES);
        assertThat(msg.transactionId()).hasSize(StunMessage.TRANSACTION_ID_LENGTH);
        return integrity && fingerprint ? 2 : 1;
    }

    static List<byte[]> seeds() throws Exception {
        byte[] txId = Rfc5769Vectors.hex(Rfc5769Vectors.TRANSACTION_ID);
        byte[] key = StunIntegrity.shortTermKey(Rfc5769Vectors.PASSWORD);
        return List.of(Rfc5769Vectors.REQUEST, Rfc5769Vectors.IPV4_RESPONSE, Rfc5769Vectors.IPV6_RESPONSE,
                Rfc5769Vectors.LONG_TERM_REQUEST,
                StunWriter.request(txId).username("abcd:efgh").priority(1).iceControlling(2).useCandidate()
                        .attribute(0xC057, new byte[4]).build(key, true),
                StunWriter.response(txId).xorMappedAddress(new InetSocketAddress(
                        InetAddress.getByName("2001:db8::1"), 9)).software("fuzz").build(key, true),
                StunWriter.errorResponse(txId, 420, "Unknown Attribute").unknownAttributes(List.of(0x42))
                        .build(key, true));
    }

    private static byte[] noise(Random random) {
        byte[] b = new byte[random.nextInt(128)];
        random.nextBytes(b);
        return b;
    }
}
