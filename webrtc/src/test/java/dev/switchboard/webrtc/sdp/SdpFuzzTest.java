package dev.switchboard.webrtc.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.switchboard.webrtc.dtls.Fingerprint;
import dev.switchboard.webrtc.ice.IceCandidate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded, bounded fuzzing of the untrusted-input parsers (RFC 8866 SDP, RFC 8839 candidates,
 * RFC 8122 fingerprints) and of offer/answer: only the documented exceptions may escape;
 * single-threaded.
 */
class SdpFuzzTest {

    private static final int ITERATIONS = 20_000;
    private static final Duration BUDGET = Duration.ofSeconds(20);
    // Generous: the budget stops the loop, this only catches a single input that hangs.
    private static final Duration HANG_LIMIT = Duration.ofSeconds(60);
    private static final long SEED = 0x5B_0A_2D_5EEDL;

    @Test
    void parserAndAnswererOnlyThrowSdpExceptions() {
        List<String> seeds = new ArrayList<>();
        SdpFixtures.offerNames().forEach(n -> seeds.add(SdpFixtures.read(n)));
        seeds.add(SdpOfferer.createOffer(SdpFixtures.offerOptions(true, true, true, true, 1)).sdp().format());
        int[] outcomes = new int[3];
        run(seeds, (text, random) -> {
            SdpLimits limits = random.nextInt(4) == 0 ? SMALL_LIMITS : SdpLimits.defaults();
            outcomes[answerOrReject(text, limits, random.nextBoolean(), random.nextBoolean(), random.nextBoolean(),
                    random.nextLong())]++;
        });
        // Make sure the mutations exercise every path, not only the parser's first check.
        assertThat(outcomes).as("answered, parse errors, negotiation errors").doesNotContain(0);
    }

    /** Tighter limits than the defaults, so inputs also reach the limit checks. */
    static final SdpLimits SMALL_LIMITS = new SdpLimits(16_384, 200, 512, 4);

    /**
     * Parses an offer and answers it, checking the invariants; returns 0 answered, 1 parse error,
     * 2 negotiation error. Shared with {@link SdpFuzzTarget}.
     */
    static int answerOrReject(String text, SdpLimits limits, boolean mayReceive, boolean maySend,
            boolean useDataChannels, long seed) {
        try {
            SessionDescription offer = SessionDescription.parse(text, limits);
            NegotiatedSession answer = SdpAnswerer.answer(offer,
                    SdpFixtures.answerOptions(mayReceive, maySend, useDataChannels, seed));
            // Our own output must always be valid SDP.
            SessionDescription.parse(answer.sdp());
            return 0;
        } catch (SdpParseException e) {
            assertThat(e.line()).isNotNegative();
            return 1;
        } catch (SdpNegotiationException e) {
            return 2;
        }
    }

    @Test
    void answerAcceptanceOnlyThrowsSdpExceptions() {
        LocalOffer offer = SdpOfferer.createOffer(SdpFixtures.offerOptions(true, true, true, true, 1));
        String answer = SdpAnswerer.answer(offer.sdp(), SdpFixtures.answerOptions()).sdp();
        int[] accepted = new int[1];
        run(List.of(answer), (text, random) -> {
            try {
                SdpOfferer.acceptAnswer(offer, SessionDescription.parse(text));
                accepted[0]++;
            } catch (SdpParseException | SdpNegotiationException e) {
                // Expected for most mutations.
            }
        });
        assertThat(accepted[0]).isPositive();
    }

    @Test
    void candidateParserOnlyThrowsIllegalArgument() {
        List<String> seeds = new ArrayList<>();
        for (String name : SdpFixtures.offerNames()) {
            SdpFixtures.read(name).lines().filter(l -> l.startsWith("a=candidate:")).forEach(seeds::add);
        }
        seeds.add("candidate:1 1 udp 2130706431 192.0.2.1 40000 typ host");
        seeds.add("candidate:842163049 1 udp 1685987071 2001:db8::1 3478 typ srflx raddr :: rport 0");
        run(seeds, (text, random) -> {
            try {
                IceCandidate c = IceCandidate.parse(text);
                assertThat(IceCandidate.parse(c.toSdpValue())).isEqualTo(c);
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
        });
    }

    @Test
    void fingerprintParserOnlyThrowsIllegalArgument() {
        List<String> seeds = List.of(
                SdpFixtures.certificate().fingerprint().toSdpValue(),
                Fingerprint.of("sha-1", new byte[] {1}).toSdpValue(),
                Fingerprint.of("sha-512", new byte[] {2}).toSdpValue());
        run(seeds, (text, random) -> {
            try {
                Fingerprint f = Fingerprint.parse(text);
                assertThat(Fingerprint.parse(f.toSdpValue())).isEqualTo(f);
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
        });
    }

    /** A fuzz target: gets a mutated input and the iteration's random source. */
    private interface Target {
        void accept(String input, Random random);
    }

    private static void run(List<String> seeds, Target target) {
        Random random = new Random(SEED);
        assertTimeoutPreemptively(HANG_LIMIT, () -> {
            long deadline = System.nanoTime() + BUDGET.toNanos();
            for (int i = 0; i < ITERATIONS && System.nanoTime() < deadline; i++) {
                String input = mutate(seeds.get(random.nextInt(seeds.size())), random);
                try {
                    target.accept(input, random);
                } catch (AssertionError e) {
                    throw e;
                } catch (RuntimeException e) {
                    fail("iteration " + i + " threw " + e + " for input:\n" + preview(input), e);
                }
            }
        });
    }

    private static String mutate(String seed, Random random) {
        String text = seed;
        int rounds = 1 + random.nextInt(3);
        for (int r = 0; r < rounds; r++) {
            text = MUTATIONS.get(random.nextInt(MUTATIONS.size())).apply(text, random);
        }
        return text;
    }

    /** One way of damaging an input. */
    private interface Mutation {
        String apply(String text, Random random);
    }

    private static final List<Mutation> MUTATIONS = List.of(
            SdpFuzzTest::flipBit,
            SdpFuzzTest::truncate,
            SdpFuzzTest::duplicateLine,
            SdpFuzzTest::deleteLine,
            SdpFuzzTest::shuffleLines,
            SdpFuzzTest::insertRandomBytes,
            SdpFuzzTest::hugeLine,
            SdpFuzzTest::manyMediaSections,
            SdpFuzzTest::replaceToken,
            (text, random) -> text.replace("\r\n", "\n"));

    private static String flipBit(String text, Random random) {
        if (text.isEmpty()) {
            return text;
        }
        char[] chars = text.toCharArray();
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            int at = random.nextInt(chars.length);
            chars[at] = (char) (chars[at] ^ (1 << random.nextInt(random.nextInt(8) == 0 ? 16 : 7)));
        }
        return new String(chars);
    }

    private static String truncate(String text, Random random) {
        return text.substring(0, random.nextInt(text.length() + 1));
    }

    private static String duplicateLine(String text, Random random) {
        List<String> lines = lines(text);
        if (!lines.isEmpty()) {
            int at = random.nextInt(lines.size());
            lines.add(random.nextInt(lines.size() + 1), lines.get(at));
        }
        return join(lines);
    }

    private static String deleteLine(String text, Random random) {
        List<String> lines = lines(text);
        if (!lines.isEmpty()) {
            lines.remove(random.nextInt(lines.size()));
        }
        return join(lines);
    }

    private static String shuffleLines(String text, Random random) {
        List<String> lines = lines(text);
        if (lines.size() > 2) {
            int from = random.nextInt(lines.size() - 1);
            int to = from + 1 + random.nextInt(Math.min(8, lines.size() - from - 1));
            Collections.shuffle(lines.subList(from, to + 1 > lines.size() ? lines.size() : to + 1), random);
        }
        return join(lines);
    }

    private static String insertRandomBytes(String text, Random random) {
        int at = random.nextInt(text.length() + 1);
        char[] junk = new char[1 + random.nextInt(16)];
        for (int i = 0; i < junk.length; i++) {
            junk[i] = (char) (random.nextBoolean() ? random.nextInt(128) : random.nextInt(0x3000));
        }
        return text.substring(0, at) + new String(junk) + text.substring(at);
    }

    private static String hugeLine(String text, Random random) {
        char[] fill = new char[1000 + random.nextInt(20_000)];
        Arrays.fill(fill, (char) ('a' + random.nextInt(26)));
        List<String> lines = lines(text);
        lines.add(random.nextInt(lines.size() + 1), "a=" + new String(fill));
        return join(lines);
    }

    private static String manyMediaSections(String text, Random random) {
        int m = text.indexOf("m=");
        if (m < 0) {
            return text;
        }
        int next = text.indexOf("\nm=", m + 1);
        String section = text.substring(m, next < 0 ? text.length() : next + 1);
        return text + section.repeat(1 + random.nextInt(80));
    }

    private static final String[] TOKENS = {"0", "-1", "65536", "4294967296", "", " ", ":", "/", "*", "a=", "\r",
        "99999999999999999999999", "UDP/TLS/RTP/SAVPF", "webrtc-datachannel", "passive", "inactive", "opus/48000/2"};

    private static String replaceToken(String text, Random random) {
        List<String> lines = lines(text);
        if (lines.isEmpty()) {
            return text;
        }
        int at = random.nextInt(lines.size());
        String[] parts = lines.get(at).split(" ", -1);
        parts[random.nextInt(parts.length)] = TOKENS[random.nextInt(TOKENS.length)];
        lines.set(at, String.join(" ", parts));
        return join(lines);
    }

    private static List<String> lines(String text) {
        return new ArrayList<>(Arrays.asList(text.split("\r\n", -1)));
    }

    private static String join(List<String> lines) {
        return String.join("\r\n", lines);
    }

    private static String preview(String input) {
        return input.length() > 2000 ? input.substring(0, 2000) + "...(" + input.length() + " chars)" : input;
    }
}
