package dev.switchboard.webrtc.sdp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided (Jazzer) fuzz target for the RFC 8866 parser and the answerer: any offer text is
 * answered with valid SDP or refused with {@link SdpParseException} or
 * {@link SdpNegotiationException} ({@link SdpFuzzTest#answerOrReject}); single-threaded.
 */
class SdpFuzzTarget {

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "15s")
    void offer(byte[] input) {
        // Raw bytes, so the seed files are plain .sdp text; the length picks the limits and options.
        String text = new String(input, StandardCharsets.UTF_8);
        int choice = input.length & 0xF;
        SdpLimits limits = (choice & 8) != 0 ? SdpFuzzTest.SMALL_LIMITS : SdpLimits.defaults();
        SdpFuzzTest.answerOrReject(text, limits, (choice & 1) == 0, (choice & 2) == 0, (choice & 4) == 0, input.length);
    }

    static Stream<Arguments> seeds() {
        return SdpFixtures.offerNames().stream()
                .map(n -> Arguments.of((Object) SdpFixtures.read(n).getBytes(StandardCharsets.UTF_8)));
    }
}
