package dev.switchboard.webrtc.stun;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided (Jazzer) fuzz target for {@link StunDecoder} and {@link StunIntegrity}: any
 * datagram decodes or throws {@link StunParseException}, with the invariants of
 * {@link StunFuzzTest#check}; single-threaded (Jazzer calls it from one thread).
 */
class StunFuzzTarget {

    private static final byte[] KEY = StunIntegrity.shortTermKey(Rfc5769Vectors.PASSWORD);

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "15s")
    void datagram(byte[] input) {
        StunFuzzTest.check(input, KEY);
    }

    static Stream<Arguments> seeds() throws Exception {
        return StunFuzzTest.seeds().stream().map(b -> Arguments.of((Object) b));
    }
}
