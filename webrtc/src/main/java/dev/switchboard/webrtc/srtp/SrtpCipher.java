package dev.switchboard.webrtc.srtp;

/**
 * The cryptographic transform of one protection profile under one set of session keys: where the
 * tag and SRTCP index go and how the payload is encrypted and authenticated (RFC 3711 §3.1, §3.4;
 * RFC 7714 §7, §9); one instance per direction and packet kind, owned by one thread, not
 * thread-safe.
 *
 * <p>Callers have already checked lengths, headers and replay; these methods only transform.
 * Offsets are absolute, lengths count from {@code off}.
 */
sealed interface SrtpCipher permits AesCmHmacSha1Cipher, AesGcmCipher {

    /** Highest bit of the SRTCP index word: the payload is encrypted (RFC 3711 §3.4). */
    int E_FLAG = 0x8000_0000;
    /** Largest SRTCP index: 31 bits (RFC 3711 §3.4). */
    int MAX_SRTCP_INDEX = 0x7FFF_FFFF;

    static SrtpCipher of(SrtpProfile profile, SessionKeys keys) {
        return switch (profile) {
            case AES_CM_128_HMAC_SHA1_80 -> new AesCmHmacSha1Cipher(keys);
            case AEAD_AES_128_GCM -> new AesGcmCipher(keys);
        };
    }

    /** Bytes {@link #sealRtp} appends. */
    int rtpOverhead();

    /** Bytes {@link #sealRtcp} appends. */
    int rtcpOverhead();

    /** Encrypts {@code buf[off+headerLength, off+len)}, appends the tag, returns the new length. */
    int sealRtp(byte[] buf, int off, int headerLength, int len, int ssrc, long index);

    /**
     * Checks the tag and decrypts; returns the length without the tag, or
     * {@link SrtpResult#AUTH_FAILED} (the buffer may then have been partly overwritten).
     */
    int openRtp(byte[] buf, int off, int headerLength, int len, int ssrc, long index);

    /** Encrypts after the RTCP header, appends tag and E|index as the profile orders them. */
    int sealRtcp(byte[] buf, int off, int len, int ssrc, int index);

    /** The E flag and SRTCP index word of a protected packet of {@code len} bytes. */
    int srtcpIndexWord(byte[] buf, int off, int len);

    /** Like {@link #openRtp} for SRTCP; decrypts only if the E flag in {@code indexWord} is set. */
    int openRtcp(byte[] buf, int off, int len, int ssrc, int indexWord);
}
