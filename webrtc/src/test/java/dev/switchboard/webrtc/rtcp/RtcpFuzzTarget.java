package dev.switchboard.webrtc.rtcp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided (Jazzer) fuzz target for {@link RtcpParser} and {@link RtcpScanner}: a compound
 * packet parses and round-trips or throws {@link RtcpParseException}, and the scanner agrees, as
 * {@link RtcpFuzzTest#check} asserts; single-threaded.
 */
class RtcpFuzzTarget {

    private final RtcpScanner scanner = new RtcpScanner();

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "15s")
    void compound(byte[] input) {
        int off = input.length % 3;
        byte[] buf = new byte[off + input.length + 2];
        System.arraycopy(input, 0, buf, off, input.length);
        RtcpFuzzTest.check(buf, off, input.length, scanner);
    }

    static Stream<Arguments> seeds() {
        return RtcpFuzzTest.seeds().stream().map(b -> Arguments.of((Object) b));
    }
}
