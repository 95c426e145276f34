package dev.switchboard.webrtc.rtp;

import static dev.switchboard.webrtc.rtp.RtpHeaderTest.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Tests {@link HeaderExtensionRewriter}'s RFC 8285 id remapping and zero-padding of dropped
 * elements; single-threaded.
 */
class RtpHeaderExtensionRewriterTest {

    private final RtpHeader header = new RtpHeader();

    private static byte[] map(int... oldNewPairs) {
        byte[] map = new byte[256];
        for (int i = 0; i < oldNewPairs.length; i += 2) {
            map[oldNewPairs[i]] = (byte) oldNewPairs[i + 1];
        }
        return map;
    }

    @Test
    void remapsOneByteIdsAndZeroesDroppedElementsInPlace() {
        // RFC 8285 §4.2 example: ids 1, 2, 3; keep 1 as 5, drop 2, keep 3.
        byte[] p = hex("90 60 0001 00000002 00000003 BEDE 0003 10 11 21 2233 0000 33 44556677 CAFE");
        byte[] before = p.clone();
        assertThat(header.parse(p, 0, p.length)).isTrue();

        int kept = new HeaderExtensionRewriter(map(1, 5, 3, 3)).rewrite(header);

        assertThat(kept).isEqualTo(2);
        assertThat(p).isEqualTo(hex("90 60 0001 00000002 00000003 BEDE 0003 50 11 00 0000 0000 33 44556677 CAFE"));
        // Everything outside the element bytes is untouched, so lengths and payload stay valid.
        assertThat(Arrays.copyOf(p, 16)).isEqualTo(Arrays.copyOf(before, 16));
        assertThat(header.parse(p, 0, p.length)).isTrue();
        assertThat(header.findExtension(5)).isEqualTo(17);
        assertThat(header.findExtension(1)).isEqualTo(-1);
        assertThat(header.findExtension(2)).isEqualTo(-1);
        assertThat(header.findExtension(3)).isEqualTo(24);
        assertThat(header.foundExtensionLength()).isEqualTo(4);
        assertThat(header.payloadLength()).isEqualTo(2);
    }

    @Test
    void oneByteElementsMappedPastId14AreDropped() {
        byte[] p = hex("90 60 0001 00000002 00000003 BEDE 0001 10 11 2022");
        assertThat(header.parse(p, 0, p.length)).isTrue();
        int kept = new HeaderExtensionRewriter(map(1, 15, 2, 14)).rewrite(header);
        assertThat(kept).isEqualTo(1);
        assertThat(Arrays.copyOfRange(p, 16, 20)).isEqualTo(hex("0000 E022"));
    }

    @Test
    void remapsTwoByteIdsAndDropsZeroLengthElements() {
        byte[] p = hex("90 60 0001 00000002 00000003 1007 0003 0A00 1401 99 00 1E04 01020304 EE");
        assertThat(header.parse(p, 0, p.length)).isTrue();
        int kept = new HeaderExtensionRewriter(map(20, 200, 30, 3)).rewrite(header);
        assertThat(kept).isEqualTo(2);
        assertThat(Arrays.copyOfRange(p, 12, 28)).isEqualTo(hex("1007 0003 0000 C801 99 00 0304 01020304"));
        assertThat(header.findExtension(200)).isEqualTo(20);
        assertThat(header.findExtension(3)).isEqualTo(24);
        assertThat(header.findExtension(10)).isEqualTo(-1);
    }

    @Test
    void zeroesEverythingFromId15OnSoUnmappedIdsNeverLeak() {
        byte[] p = hex("90 60 0001 00000002 00000003 BEDE 0002 50AB F0 61 22 33 44 55");
        assertThat(header.parse(p, 0, p.length)).isTrue();
        int kept = new HeaderExtensionRewriter(map(5, 5, 6, 6)).rewrite(header);
        assertThat(kept).isEqualTo(1);
        assertThat(Arrays.copyOfRange(p, 16, 24)).isEqualTo(hex("50AB 0000 0000 0000"));
    }

    @Test
    void zeroesAMalformedElementAndTheRestOfTheBlock() {
        // id 1 with 1 byte, then id 2 claiming 16 bytes in what is left of a 4-byte block.
        byte[] p = hex("90 60 0001 00000002 00000003 BEDE 0001 1011 2F22");
        assertThat(header.parse(p, 0, p.length)).isTrue();
        int kept = new HeaderExtensionRewriter(map(1, 1, 2, 2)).rewrite(header);
        assertThat(kept).isEqualTo(1);
        assertThat(Arrays.copyOfRange(p, 16, 20)).isEqualTo(hex("1011 0000"));
    }

    @Test
    void leavesForeignProfilesAndPacketsWithoutExtensionsAlone() {
        byte[] foreign = hex("90 60 0001 00000002 00000003 ABCD 0001 10AA2030");
        byte[] copy = foreign.clone();
        HeaderExtensionRewriter rewriter = new HeaderExtensionRewriter(map(1, 2));
        assertThat(header.parse(foreign, 0, foreign.length)).isTrue();
        assertThat(rewriter.rewrite(header)).isEqualTo(-1);
        assertThat(foreign).isEqualTo(copy);

        byte[] plain = hex("80 60 0001 00000002 00000003 AA");
        assertThat(header.parse(plain, 0, plain.length)).isTrue();
        assertThat(rewriter.rewrite(header)).isZero();
    }

    @Test
    void aShortMapDropsIdsBeyondItsEnd() {
        byte[] p = hex("90 60 0001 00000002 00000003 BEDE 0001 10 11 9022");
        assertThat(header.parse(p, 0, p.length)).isTrue();
        assertThat(new HeaderExtensionRewriter(new byte[] {0, 4}).rewrite(header)).isEqualTo(1);
        assertThat(Arrays.copyOfRange(p, 16, 20)).isEqualTo(hex("4011 0000"));
    }

    @Test
    void rejectsAmbiguousMaps() {
        assertThatThrownBy(() -> new HeaderExtensionRewriter(map(1, 3, 2, 3))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HeaderExtensionRewriter(map(0, 3))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HeaderExtensionRewriter(new byte[257])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMapIsCopied() {
        byte[] table = map(1, 2);
        HeaderExtensionRewriter rewriter = new HeaderExtensionRewriter(table);
        table[1] = 0;
        byte[] p = hex("90 60 0001 00000002 00000003 BEDE 0001 10110000");
        assertThat(header.parse(p, 0, p.length)).isTrue();
        assertThat(rewriter.rewrite(header)).isEqualTo(1);
        assertThat(p[16]).isEqualTo((byte) 0x20);
    }
}
