package dev.switchboard.webrtc.bytes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Tests {@link BigEndian} at offsets and with high bits set, where sign extension would show; single-threaded. */
class BigEndianTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void readsUnsignedFieldsInNetworkOrder() {
        byte[] b = HEX.parseHex("00FFFEFDFCFBFAF9F8F7");

        assertThat(BigEndian.u8(b, 1)).isEqualTo(0xFF);
        assertThat(BigEndian.u16(b, 1)).isEqualTo(0xFFFE);
        assertThat(BigEndian.u32(b, 1)).isEqualTo(0xFFFE_FDFCL);
        assertThat(BigEndian.readInt(b, 1)).isEqualTo(0xFFFE_FDFC);
        assertThat(BigEndian.u64(b, 1)).isEqualTo(0xFFFE_FDFC_FBFA_F9F8L);
    }

    @Test
    void writesTheLowBitsInNetworkOrder() {
        byte[] b = new byte[9];

        BigEndian.put16(b, 1, 0x1_ABCD);
        assertThat(HEX.formatHex(b)).isEqualTo("00abcd000000000000");
        BigEndian.put24(b, 1, 0xFF_8001);
        assertThat(HEX.formatHex(b)).isEqualTo("00ff80010000000000");
        BigEndian.put32(b, 1, -2); // an int argument writes its own bit pattern
        assertThat(HEX.formatHex(b)).isEqualTo("00fffffffe00000000");
        BigEndian.put64(b, 1, 0x0102_0304_0506_0708L);
        assertThat(HEX.formatHex(b)).isEqualTo("000102030405060708");
    }

    @Test
    void xorsTheLowBytesOnly() {
        byte[] b = HEX.parseHex("00FF00FF00");

        BigEndian.xor(b, 1, 0x77_0F0F_F0L, 3);

        assertThat(HEX.formatHex(b)).isEqualTo("00f00f0f00");
    }
}
