package dev.switchboard.webrtc.srtp;

/**
 * The SRTP key derivation function with the AES-CM PRF and a key derivation rate of zero (RFC 3711
 * §4.3.1 to §4.3.3; RFC 7714 §11 reuses it for AES-GCM); stateless and thread-safe.
 */
final class KeyDerivation {

    static final int RTP_ENCRYPTION = 0x00;
    static final int RTP_AUTHENTICATION = 0x01;
    static final int RTP_SALT = 0x02;
    static final int RTCP_ENCRYPTION = 0x03;
    static final int RTCP_AUTHENTICATION = 0x04;
    static final int RTCP_SALT = 0x05;

    private KeyDerivation() {
    }

    /**
     * {@code PRF_n(k_master, x)} with {@code x = (label || r) XOR master_salt}: the keystream of AES-CM
     * under the master key from counter block {@code x * 2^16}, truncated to {@code length} bytes.
     *
     * <p>With kdr = 0, r ({@code index DIV kdr}) is zero, so only the label byte changes the salt,
     * at byte 7 of the 14-byte field. A 12-byte GCM master salt goes into the first 12 bytes with two
     * zero bytes after it: RFC 7714 leaves the alignment open (libsrtp issue #179) and libsrtp, and
     * so every browser, pads on the right; we must derive the same keys as they do.
     */
    static byte[] prf(byte[] masterKey, byte[] masterSalt, int label, int length) {
        byte[] block = new byte[16];
        System.arraycopy(masterSalt, 0, block, 0, masterSalt.length);
        block[7] ^= (byte) label;
        byte[] out = new byte[length];
        new AesCounterMode(masterKey).apply(block, out, 0, length);
        return out;
    }
}
