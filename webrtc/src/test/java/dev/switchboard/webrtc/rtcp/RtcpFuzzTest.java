package dev.switchboard.webrtc.rtcp;

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
 * Seeded, bounded fuzzing of {@link RtcpParser} and {@link RtcpScanner} with random bytes and
 * mutated RFC 3550 §6 compound packets: only {@link RtcpParseException} may escape, whatever parses
 * re-encodes to the same records, and the scanner agrees with the parser; single-threaded.
 */
class RtcpFuzzTest {

    private static final int ITERATIONS = 200_000;
    private static final Duration BUDGET = Duration.ofSeconds(20);
    // Generous: the budget stops the loop, this only catches a single input that hangs.
    private static final Duration HANG_LIMIT = Duration.ofSeconds(60);
    private static final long SEED = 0x27C9_F022L;

    @Test
    void parserOnlyThrowsRtcpParseExceptionAndRoundTripsWhatItAccepts() {
        List<byte[]> seeds = seeds();
        Random random = new Random(SEED);
        RtcpScanner scanner = new RtcpScanner();
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
                    outcomes[check(buf, off, input.length, scanner) ? 0 : 1]++;
                } catch (AssertionError e) {
                    throw new AssertionError("iteration " + i + " input " + HexFormat.of().formatHex(input), e);
                } catch (RuntimeException e) {
                    fail("iteration " + i + " threw " + e + " for input " + HexFormat.of().formatHex(input), e);
                }
            }
            assertThat(i).as("iterations within the budget").isGreaterThan(ITERATIONS / 10);
        });
        // Both sides must be well exercised, not just the first check.
        assertThat(Arrays.stream(outcomes).min().orElseThrow()).as("parsed, rejected %s", Arrays.toString(outcomes))
                .isGreaterThan((outcomes[0] + outcomes[1]) / 20);
    }

    /** Whether the parser accepted the input; checks every invariant either way. Shared with {@link RtcpFuzzTarget}. */
    static boolean check(byte[] buf, int off, int len, RtcpScanner scanner) {
        scanner.reset(buf, off, len);
        int scanned = 0;
        while (scanner.next()) {
            scanned++;
            assertThat(scanner.offset()).isBetween(off, off + len - 4);
            assertThat(scanner.offset() + scanner.length()).isLessThanOrEqualTo(off + len);
            // The hot-path accessors must be safe on anything the scanner returns.
            scanner.senderSsrc();
            scanner.mediaSsrc();
            scanner.fmt();
        }
        assertThat(scanned).isLessThanOrEqualTo(RtcpScanner.MAX_PACKETS);
        String scanError = scanner.error();
        List<RtcpPacket> packets;
        try {
            packets = RtcpParser.parseCompound(buf, off, len);
        } catch (RtcpParseException e) {
            assertThat(e.offset()).isBetween(0, len);
            assertThat(e.getMessage()).isNotBlank();
            return false;
        }
        assertThat(scanError).as("scanner error on input the parser accepted").isNull();
        assertThat(packets).hasSize(scanned);
        byte[] encoded = RtcpWriter.compound(packets);
        assertThat(encoded.length).isLessThanOrEqualTo(len);
        assertThat(RtcpParser.parseCompound(encoded)).isEqualTo(packets);
        return true;
    }

    static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        List<RtcpPacket> all = RtcpRoundTripTest.everyType();
        for (RtcpPacket p : all) {
            seeds.add(RtcpWriter.compound(List.of(p)));
        }
        seeds.add(RtcpWriter.compound(all));
        seeds.add(RtcpWriter.compound(List.of(new ReceiverReport(1, List.of(new ReportBlock(2, 3, 4, 5, 6, 7, 8))),
                new SourceDescription(List.of(new SdesChunk(1, List.of(new SdesItem(1, "cname"))))),
                new Remb(1, 3_000_000, List.of(2L, 3L)), new GenericNack(1, 2, List.of(10, 11, 30)))));
        seeds.add(RtcpVectorsTest.hex("80 C9 0001 11223344 A1 CE 0003 11223344 55667788 00000004"));
        return seeds;
    }

    private static byte[] randomBytes(Random random) {
        byte[] b = new byte[random.nextInt(64)];
        random.nextBytes(b);
        if (b.length > 0 && random.nextBoolean()) {
            // Mostly version 2, or nothing gets past the first check.
            b[0] = (byte) (0x80 | (b[0] & 0x3F));
        }
        return b;
    }

    private static final int[] INTERESTING = {0, 1, 2, 3, 4, 0x1F, 0x20, 0x7F, 0x80, 0x81, 0xA0, 0xBF, 0xC8, 0xC9,
        0xCA, 0xCB, 0xCC, 0xCD, 0xCE, 0xCF, 0xFC, 0xFE, 0xFF};

    private static byte[] mutate(List<byte[]> seeds, Random random) {
        byte[] b = seeds.get(random.nextInt(seeds.size())).clone();
        for (int rounds = 1 + random.nextInt(3); rounds > 0; rounds--) {
            b = switch (random.nextInt(8)) {
                case 0 -> flipBit(b, random);
                case 1 -> Arrays.copyOf(b, random.nextInt(b.length + 1));
                case 2 -> setByte(b, random);
                case 3 -> setLengthField(b, random);
                case 4 -> setCount(b, random);
                case 5 -> append(b, random);
                case 6 -> splice(b, seeds.get(random.nextInt(seeds.size())), random);
                default -> duplicateWords(b, random);
            };
        }
        return b;
    }

    private static byte[] flipBit(byte[] b, Random random) {
        if (b.length > 0) {
            b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return b;
    }

    private static byte[] setByte(byte[] b, Random random) {
        if (b.length > 0) {
            b[random.nextInt(b.length)] = (byte) INTERESTING[random.nextInt(INTERESTING.length)];
        }
        return b;
    }

    /** Rewrites a length field at a word boundary, where packet headers are. */
    private static byte[] setLengthField(byte[] b, Random random) {
        if (b.length >= 4) {
            int at = 4 * random.nextInt(b.length / 4) + 2;
            int value = random.nextBoolean() ? random.nextInt(b.length / 4 + 2) : random.nextInt(65536);
            b[at] = (byte) (value >>> 8);
            b[at + 1] = (byte) value;
        }
        return b;
    }

    private static byte[] setCount(byte[] b, Random random) {
        if (b.length >= 4) {
            int at = 4 * random.nextInt(b.length / 4);
            b[at] = (byte) ((b[at] & 0xE0) | random.nextInt(32));
        }
        return b;
    }

    private static byte[] append(byte[] b, Random random) {
        byte[] tail = new byte[1 + random.nextInt(12)];
        random.nextBytes(tail);
        byte[] out = Arrays.copyOf(b, b.length + tail.length);
        System.arraycopy(tail, 0, out, b.length, tail.length);
        return out;
    }

    private static byte[] splice(byte[] a, byte[] b, Random random) {
        int cutA = 4 * random.nextInt(a.length / 4 + 1);
        int cutB = 4 * random.nextInt(b.length / 4 + 1);
        byte[] out = Arrays.copyOf(a, cutA + b.length - cutB);
        System.arraycopy(b, cutB, out, cutA, b.length - cutB);
        return out;
    }

    private static byte[] duplicateWords(byte[] b, Random random) {
        if (b.length < 4 || b.length > 4096) {
            return b;
        }
        int from = 4 * random.nextInt(b.length / 4);
        int words = 1 + random.nextInt(Math.min(8, (b.length - from) / 4));
        byte[] out = new byte[b.length + 4 * words];
        System.arraycopy(b, 0, out, 0, from + 4 * words);
        System.arraycopy(b, from, out, from + 4 * words, b.length - from);
        return out;
    }
}
