package dev.switchboard.webrtc.srtp;

import dev.switchboard.webrtc.bytes.BigEndian;
import java.security.MessageDigest;

/**
 * AES-CM encryption with the RFC 3711 §4.1.1 IV and an HMAC-SHA1 tag truncated to 80 bits (§4.2.1),
 * laid out as §3.1 (SRTP: tag over header, payload and ROC) and §3.4 (SRTCP: E|index, then the
 * tag over everything before it) describe; owned by one thread, not thread-safe.
 */
final class AesCmHmacSha1Cipher implements SrtpCipher {

    static final int TAG_LENGTH = 10;

    private final AesCounterMode aes;
    private final HmacSha1 hmac;
    private final byte[] salt;
    private final byte[] iv = new byte[16];
    private final byte[] roc = new byte[4];
    private final byte[] mac = new byte[HmacSha1.LENGTH];
    // isEqual compares whole arrays, so both sides of the comparison get their own.
    private final byte[] expected = new byte[TAG_LENGTH];
    private final byte[] received = new byte[TAG_LENGTH];

    AesCmHmacSha1Cipher(SessionKeys keys) {
        aes = new AesCounterMode(keys.encryptionKey());
        hmac = new HmacSha1(keys.authKey());
        salt = keys.salt().clone();
    }

    @Override
    public int rtpOverhead() {
        return TAG_LENGTH;
    }

    @Override
    public int rtcpOverhead() {
        return TAG_LENGTH + SrtpProfile.SRTCP_INDEX_LENGTH;
    }

    @Override
    public int sealRtp(byte[] buf, int off, int headerLength, int len, int ssrc, long index) {
        crypt(buf, off + headerLength, len - headerLength, ssrc, index);
        authenticate(buf, off, len, index >>> 16, true);
        System.arraycopy(mac, 0, buf, off + len, TAG_LENGTH);
        return len + TAG_LENGTH;
    }

    @Override
    public int openRtp(byte[] buf, int off, int headerLength, int len, int ssrc, long index) {
        int body = len - TAG_LENGTH;
        authenticate(buf, off, body, index >>> 16, true);
        if (!tagMatches(buf, off + body)) {
            return SrtpResult.AUTH_FAILED;
        }
        crypt(buf, off + headerLength, body - headerLength, ssrc, index);
        return body;
    }

    @Override
    public int sealRtcp(byte[] buf, int off, int len, int ssrc, int index) {
        crypt(buf, off + RtcpHeader.LENGTH, len - RtcpHeader.LENGTH, ssrc, index);
        BigEndian.put32(buf, off + len, E_FLAG | index);
        int authenticated = len + SrtpProfile.SRTCP_INDEX_LENGTH;
        authenticate(buf, off, authenticated, 0, false);
        System.arraycopy(mac, 0, buf, off + authenticated, TAG_LENGTH);
        return authenticated + TAG_LENGTH;
    }

    @Override
    public int srtcpIndexWord(byte[] buf, int off, int len) {
        return BigEndian.readInt(buf, off + len - TAG_LENGTH - SrtpProfile.SRTCP_INDEX_LENGTH);
    }

    @Override
    public int openRtcp(byte[] buf, int off, int len, int ssrc, int indexWord) {
        int authenticated = len - TAG_LENGTH;
        authenticate(buf, off, authenticated, 0, false);
        if (!tagMatches(buf, off + authenticated)) {
            return SrtpResult.AUTH_FAILED;
        }
        int plain = authenticated - SrtpProfile.SRTCP_INDEX_LENGTH;
        if ((indexWord & E_FLAG) != 0) {
            crypt(buf, off + RtcpHeader.LENGTH, plain - RtcpHeader.LENGTH, ssrc, indexWord & MAX_SRTCP_INDEX);
        }
        return plain;
    }

    /** IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16), RFC 3711 §4.1.1. */
    private void crypt(byte[] buf, int from, int length, int ssrc, long index) {
        System.arraycopy(salt, 0, iv, 0, salt.length);
        iv[14] = 0;
        iv[15] = 0;
        BigEndian.xor(iv, 4, ssrc, 4);
        BigEndian.xor(iv, 8, index, 6);
        aes.apply(iv, buf, from, length);
    }

    /** MAC of {@code buf[off, off+len)}, followed for SRTP by the 32-bit ROC (RFC 3711 §4.2). */
    private void authenticate(byte[] buf, int off, int len, long rolloverCounter, boolean appendRoc) {
        hmac.begin();
        hmac.update(buf, off, len);
        if (appendRoc) {
            BigEndian.put32(roc, 0, (int) rolloverCounter);
            hmac.update(roc, 0, roc.length);
        }
        hmac.finish(mac);
    }

    private boolean tagMatches(byte[] buf, int tagAt) {
        System.arraycopy(mac, 0, expected, 0, TAG_LENGTH);
        System.arraycopy(buf, tagAt, received, 0, TAG_LENGTH);
        // Constant time, so response timing does not reveal how many tag bytes were right.
        return MessageDigest.isEqual(expected, received);
    }
}
