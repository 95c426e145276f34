package dev.switchboard.webrtc.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded, bounded fuzzing of {@link RtpHeader#parse}, RFC 8285 lookup and
 * {@link HeaderExtensionRewriter} with random bytes and mutated RFC 3550 §5.1 packets: nothing may
 * throw, accepted packets have a consistent layout, and rewriting stays inside the extension block
 * and leaves only mapped ids; single-threaded.
 */
class RtpFuzzTest {

    private static final int ITERATIONS = 200_000;
    private static final Duration BUDGET = Duration.ofSeconds(20);
    // Generous: the budget stops the loop, this only catches a single input that hangs.
    private static final Duration HANG_LIMIT = Duration.ofSeconds(60);
    private static final long SEED = 0x0527_F022L;

    @Test
    void parsingAndRewritingNeverThrowOrEscapeTheirBounds() {
        List<byte[]> seeds = seeds();
        boolean[] image = new boolean[256];
        HeaderExtensionRewriter rewriter = rewriter(image);
        RtpHeader header = new RtpHeader();
        Random random = new Random(SEED);
        int[] outcomes = new int[2];
        assertTimeoutPreemptively(HANG_LIMIT, () -> {
            long deadline = System.nanoTime() + BUDGET.toNanos();
            int i = 0;
            for (; i < ITERATIONS && System.nanoTime() < deadline; i++) {
                byte[] input = random.nextInt(5) == 0 ? randomBytes(random) : mutate(seeds, random);
                int off = random.nextInt(4);
                byte[] buf = new byte[off + input.length + random.nextInt(4)];
                System.arraycopy(input, 0, buf, off, input.length);
                try {
                    if (header.parse(buf, off, input.length)) {
                        checkAccepted(header, buf, off, input.length, rewriter, image, random);
                        outcomes[0]++;
                    } else {
                        assertThat(header.error()).isNotNull();
                        outcomes[1]++;
                    }
                } catch (AssertionError e) {
                    throw new AssertionError("iteration " + i + " input " + HexFormat.of().formatHex(input), e);
                } catch (RuntimeException e) {
                    fail("iteration " + i + " threw " + e + " for input " + HexFormat.of().formatHex(input), e);
                }
            }
            assertThat(i).as("iterations within the budget").isGreaterThan(ITERATIONS / 10);
        });
        // Both sides must be well exercised, not just the first check.
        assertThat(Arrays.stream(outcomes).min().orElseThrow()).as("accepted, rejected %s", Arrays.toString(outcomes))
                .isGreaterThan((outcomes[0] + outcomes[1]) / 20);
    }

    /**
     * A rewriter that keeps odd ids, renumbered, and drops even ones; marks the ids it may leave in
     * {@code image}. Shared with {@link RtpFuzzTarget}.
     */
    static HeaderExtensionRewriter rewriter(boolean[] image) {
        byte[] map = new byte[256];
        for (int oldId = 1; oldId < 256; oldId += 2) {
            int newId = oldId <= 14 ? 15 - oldId : 256 - oldId;
            map[oldId] = (byte) newId;
            image[newId] = true;
        }
        return new HeaderExtensionRewriter(map);
    }

    /** Checks an accepted packet's layout, lookups and rewriting. Shared with {@link RtpFuzzTarget}. */
    static void checkAccepted(RtpHeader header, byte[] buf, int off, int len, HeaderExtensionRewriter rewriter,
            boolean[] image, Random random) {
        int headerLength = header.headerLength();
        int payloadLength = header.payloadLength();
        assertThat(headerLength).isBetween(RtpHeader.FIXED_HEADER_LENGTH, len);
        assertThat(payloadLength).isNotNegative();
        assertThat(header.payloadOffset() + payloadLength + header.paddingLength()).isEqualTo(off + len);
        int extStart = header.extensionOffset();
        int extEnd = extStart + header.extensionLength();
        if (header.extension()) {
            assertThat(extEnd).isLessThanOrEqualTo(header.payloadOffset());
        }
        for (int n = 0; n < 4; n++) {
            int at = header.findExtension(random.nextInt(258) - 1);
            if (at >= 0) {
                assertThat(at).isGreaterThanOrEqualTo(extStart);
                assertThat(at + header.foundExtensionLength()).isLessThanOrEqualTo(extEnd);
            }
        }

        byte[] before = buf.clone();
        int kept = rewriter.rewrite(header);
        // Plain comparisons first: one AssertJ call per byte dominated the coverage-guided target's time.
        int start = Math.min(extStart, buf.length);
        int end = Math.max(start, Math.min(extEnd, buf.length));
        assertThat(Arrays.equals(buf, 0, start, before, 0, start)
                && Arrays.equals(buf, end, buf.length, before, end, buf.length))
                .as("bytes outside the extension block [%d, %d) unchanged", extStart, extEnd).isTrue();
        assertThat(header.parse(buf, off, len)).isTrue();
        assertThat(header.headerLength()).isEqualTo(headerLength);
        assertThat(header.payloadLength()).isEqualTo(payloadLength);
        if (kept >= 0) {
            int found = 0;
            for (int id = 1; id < 256; id++) {
                if (header.findExtension(id) >= 0) {
                    assertThat(image[id]).as("id %d left after rewriting", id).isTrue();
                    found++;
                }
            }
            assertThat(found).isLessThanOrEqualTo(kept);
        }
    }

    static List<byte[]> seeds() {
        Random random = new Random(SEED + 1);
        List<byte[]> seeds = new ArrayList<>();
        byte[] buf = new byte[2048];
        for (int s = 0; s < 40; s++) {
            RtpWriter writer = new RtpWriter().payloadType(random.nextInt(128)).marker(random.nextBoolean())
                    .sequenceNumber(random.nextInt()).timestamp(random.nextLong()).ssrc(random.nextLong())
                    .csrcs(new long[random.nextInt(3)]).padding(random.nextInt(3) == 0 ? 1 + random.nextInt(8) : 0);
            boolean twoByte = random.nextInt(3) == 0;
            for (int e = random.nextInt(5); e > 0; e--) {
                int id = twoByte ? 1 + random.nextInt(255) : 1 + random.nextInt(14);
                byte[] data = new byte[twoByte ? random.nextInt(20) : 1 + random.nextInt(16)];
                random.nextBytes(data);
                writer.extension(id, data);
            }
            byte[] payload = new byte[random.nextInt(40)];
            random.nextBytes(payload);
            seeds.add(Arrays.copyOf(buf, writer.write(buf, 0, payload, 0, payload.length)));
        }
        return seeds;
    }

    private static byte[] randomBytes(Random random) {
        byte[] b = new byte[random.nextInt(80)];
        random.nextBytes(b);
        if (b.length > 0 && random.nextBoolean()) {
            b[0] = (byte) (0x80 | (b[0] & 0x3F));
        }
        return b;
    }

    private static final int[] INTERESTING = {0x00, 0x01, 0x0F, 0x10, 0x1F, 0x20, 0x80, 0x8F, 0x90, 0xA0, 0xB0, 0xBE,
        0xDE, 0xF0, 0xFF};

    private static byte[] mutate(List<byte[]> seeds, Random random) {
        byte[] b = seeds.get(random.nextInt(seeds.size())).clone();
        for (int rounds = 1 + random.nextInt(3); rounds > 0; rounds--) {
            int at = b.length == 0 ? 0 : random.nextInt(b.length);
            switch (random.nextInt(6)) {
                case 0 -> {
                    if (b.length > 0) {
                        b[at] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case 1 -> b = Arrays.copyOf(b, random.nextInt(b.length + 1));
                case 2 -> {
                    if (b.length > 0) {
                        b[at] = (byte) INTERESTING[random.nextInt(INTERESTING.length)];
                    }
                }
                case 3 -> {
                    // The byte-0 flags (P, X, CC) and the last byte (padding count) decide the layout.
                    if (b.length > 0) {
                        b[random.nextBoolean() ? 0 : b.length - 1] = (byte) random.nextInt(256);
                    }
                }
                case 4 -> {
                    byte[] tail = new byte[1 + random.nextInt(16)];
                    random.nextBytes(tail);
                    byte[] out = Arrays.copyOf(b, b.length + tail.length);
                    System.arraycopy(tail, 0, out, b.length, tail.length);
                    b = out;
                }
                default -> {
                    // Extension length word, where the block starts without CSRCs.
                    if (b.length >= 16) {
                        b[14] = (byte) random.nextInt(3);
                        b[15] = (byte) random.nextInt(256);
                    }
                }
            }
        }
        return b;
    }
}
