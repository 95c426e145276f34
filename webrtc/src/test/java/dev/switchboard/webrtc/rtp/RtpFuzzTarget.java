package dev.switchboard.webrtc.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided (Jazzer) fuzz target for {@link RtpHeader#parse}, RFC 8285 lookup and
 * {@link HeaderExtensionRewriter}: a packet is accepted with the layout invariants of
 * {@link RtpFuzzTest#checkAccepted} or rejected with an error, nothing throws; single-threaded.
 */
class RtpFuzzTarget {

    private static final boolean[] IMAGE = new boolean[256];
    private static final HeaderExtensionRewriter REWRITER = RtpFuzzTest.rewriter(IMAGE);
    private final RtpHeader header = new RtpHeader();

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "15s")
    void packet(byte[] input) {
        // The packet sits at a non-zero offset with slack after it, as in a receive buffer.
        int off = input.length % 3;
        byte[] buf = new byte[off + input.length + 2];
        System.arraycopy(input, 0, buf, off, input.length);
        if (header.parse(buf, off, input.length)) {
            RtpFuzzTest.checkAccepted(header, buf, off, input.length, REWRITER, IMAGE, new Random(input.length));
        } else {
            assertThat(header.error()).isNotNull();
        }
    }

    static Stream<Arguments> seeds() {
        return RtpFuzzTest.seeds().stream().map(b -> Arguments.of((Object) b));
    }
}
