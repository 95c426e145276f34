package dev.switchboard.webrtc.srtp;

import dev.switchboard.webrtc.bytes.BigEndian;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AEAD_AES_128_GCM for SRTP and SRTCP (RFC 7714): IVs per §8.1 and §9.1, the RTP header or the
 * SRTCP header with E|index as associated data (§8.2, §9.2, §9.3), a 16-byte tag; owned by one
 * thread, not thread-safe.
 *
 * <p>The JDK cannot re-key GCM without {@code Cipher.init}, so each packet pays one init and a
 * {@code GCMParameterSpec}; the JDK also buffers internally (about 1 KB per 1,200-byte packet).
 * It refuses to encrypt twice under one key and IV, which cannot happen here: the IV is unique per
 * SSRC and index, and the sending side refuses to protect an index twice. A failed tag check costs
 * an {@code AEADBadTagException}, which is the only way the JDK reports it.
 */
final class AesGcmCipher implements SrtpCipher {

    static final int TAG_LENGTH = 16;

    private final Cipher gcm;
    private final SecretKeySpec key;
    private final byte[] salt;
    private final byte[] iv = new byte[12];
    private final byte[] indexWord = new byte[SrtpProfile.SRTCP_INDEX_LENGTH];

    AesGcmCipher(SessionKeys keys) {
        key = new SecretKeySpec(keys.encryptionKey(), "AES");
        salt = keys.salt().clone();
        try {
            gcm = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is missing from this JDK", e);
        }
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
        try {
            init(Cipher.ENCRYPT_MODE, ssrc, index);
            gcm.updateAAD(buf, off, headerLength);
            int from = off + headerLength;
            return headerLength + gcm.doFinal(buf, from, len - headerLength, buf, from);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    @Override
    public int openRtp(byte[] buf, int off, int headerLength, int len, int ssrc, long index) {
        try {
            init(Cipher.DECRYPT_MODE, ssrc, index);
            gcm.updateAAD(buf, off, headerLength);
            int from = off + headerLength;
            return headerLength + gcm.doFinal(buf, from, len - headerLength, buf, from);
        } catch (AEADBadTagException e) {
            return SrtpResult.AUTH_FAILED;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    @Override
    public int sealRtcp(byte[] buf, int off, int len, int ssrc, int index) {
        int word = E_FLAG | index;
        BigEndian.put32(indexWord, 0, word);
        try {
            init(Cipher.ENCRYPT_MODE, ssrc, index);
            gcm.updateAAD(buf, off, RtcpHeader.LENGTH);
            gcm.updateAAD(indexWord, 0, indexWord.length);
            int from = off + RtcpHeader.LENGTH;
            int end = RtcpHeader.LENGTH + gcm.doFinal(buf, from, len - RtcpHeader.LENGTH, buf, from);
            // RFC 7714 §9: unlike RFC 3711, the index follows the tag.
            BigEndian.put32(buf, off + end, word);
            return end + SrtpProfile.SRTCP_INDEX_LENGTH;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    @Override
    public int srtcpIndexWord(byte[] buf, int off, int len) {
        return BigEndian.readInt(buf, off + len - SrtpProfile.SRTCP_INDEX_LENGTH);
    }

    @Override
    public int openRtcp(byte[] buf, int off, int len, int ssrc, int word) {
        BigEndian.put32(indexWord, 0, word);
        int sealed = len - SrtpProfile.SRTCP_INDEX_LENGTH;
        try {
            init(Cipher.DECRYPT_MODE, ssrc, word & MAX_SRTCP_INDEX);
            if ((word & E_FLAG) != 0) {
                gcm.updateAAD(buf, off, RtcpHeader.LENGTH);
                gcm.updateAAD(indexWord, 0, indexWord.length);
                int from = off + RtcpHeader.LENGTH;
                return RtcpHeader.LENGTH + gcm.doFinal(buf, from, sealed - RtcpHeader.LENGTH, buf, from);
            }
            // §9.3: unencrypted SRTCP authenticates the whole packet as associated data.
            int plain = sealed - TAG_LENGTH;
            gcm.updateAAD(buf, off, plain);
            gcm.updateAAD(indexWord, 0, indexWord.length);
            gcm.doFinal(buf, off + plain, TAG_LENGTH, buf, off + plain);
            return plain;
        } catch (AEADBadTagException e) {
            return SrtpResult.AUTH_FAILED;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    /**
     * IV = salt XOR (0x0000 || SSRC || 48-bit index), RFC 7714 §8.1; the §9.1 SRTCP IV is the same
     * with the 31-bit SRTCP index in the low 32 bits.
     */
    private void init(int mode, int ssrc, long index) throws GeneralSecurityException {
        System.arraycopy(salt, 0, iv, 0, salt.length);
        BigEndian.xor(iv, 2, ssrc, 4);
        BigEndian.xor(iv, 6, index, 6);
        gcm.init(mode, key, new GCMParameterSpec(TAG_LENGTH * 8, iv));
    }
}
