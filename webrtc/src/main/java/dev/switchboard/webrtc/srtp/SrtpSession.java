package dev.switchboard.webrtc.srtp;

import java.util.Objects;

/**
 * One DTLS-SRTP association's SRTP and SRTCP protection (RFC 3711, RFC 7714, keys per RFC 5764
 * §4.2), sending under our DTLS role's keys and receiving under the peer's; not thread-safe, each
 * of its two halves owned by one thread.
 *
 * <p>Threading: the sending half ({@code protect*}, {@link #forgetOutboundSsrc})
 * and the receiving half ({@code unprotect*}, {@link #forgetInboundSsrc}) share no mutable state,
 * so each may be confined to its own thread; neither half may be called from two threads at once.
 *
 * <p>All four packet methods work in place on {@code buf[off, off+len)} and return the new length,
 * or one of the negative {@link SrtpResult} codes, never throwing for anything a packet contains.
 * They throw {@link IndexOutOfBoundsException} only when {@code off} and {@code len} do not lie
 * within {@code buf}, and {@link NullPointerException} for a null buffer: caller bugs. After a
 * negative result from an unprotect method the packet bytes are unspecified (GCM may have
 * decrypted into them); after one from a protect method they are unchanged.
 *
 * <p>Per direction at most {@code maxSsrcs} SSRCs have state (RTP and RTCP counted apart), 64 unless
 * chosen otherwise: a new SSRC beyond that gets {@link SrtpResult#TOO_MANY_SSRCS}. A bound is
 * needed because each SSRC holds state for the life of the keys; 64 covers a publisher's audio,
 * video, RTX and FEC over three simulcast layers several times. An SFU sending many forwarded
 * streams to one subscriber should map them onto a bounded set of its own SSRCs, or create the
 * session with a larger bound.
 */
public final class SrtpSession {

    public static final int DEFAULT_MAX_SSRCS = 64;

    private final SrtpProfile profile;
    private final SrtpSender outbound;
    private final SrtpReceiver inbound;

    private SrtpSession(SrtpProfile profile, SrtpSender outbound, SrtpReceiver inbound) {
        this.profile = profile;
        this.outbound = outbound;
        this.inbound = inbound;
    }

    /** A session for the DTLS client ({@code isClient}) or server side, with the default SSRC bound. */
    public static SrtpSession create(SrtpKeyMaterial keys, boolean isClient) {
        return create(keys, isClient, DEFAULT_MAX_SSRCS);
    }

    /** As {@link #create(SrtpKeyMaterial, boolean)}, with at most {@code maxSsrcs} SSRCs per direction. */
    public static SrtpSession create(SrtpKeyMaterial keys, boolean isClient, int maxSsrcs) {
        Objects.requireNonNull(keys, "keys");
        if (maxSsrcs < 1) {
            throw new IllegalArgumentException("maxSsrcs must be positive, got " + maxSsrcs);
        }
        SrtpProfile profile = keys.profile();
        SrtpSender outbound = new SrtpSender(
                cipher(profile, keys, isClient, false), cipher(profile, keys, isClient, true), maxSsrcs);
        SrtpReceiver inbound = new SrtpReceiver(
                cipher(profile, keys, !isClient, false), cipher(profile, keys, !isClient, true), maxSsrcs);
        return new SrtpSession(profile, outbound, inbound);
    }

    public SrtpProfile profile() {
        return profile;
    }

    /**
     * Encrypts the payload after header, CSRCs and extension, and appends the tag. {@code buf} needs
     * {@link SrtpProfile#rtpOverhead()} bytes of room after the packet: 10 for
     * AES_CM_128_HMAC_SHA1_80, 16 for AEAD_AES_128_GCM. The header, including the padding bit, is
     * left as it is.
     *
     * @return the protected length, or {@link SrtpResult#BUFFER_TOO_SMALL}, {@code MALFORMED},
     *     {@code TOO_MANY_SSRCS}, {@code REPLAYED} (this SSRC and index were already protected or are
     *     64 or more behind the newest) or {@code INDEX_EXHAUSTED}
     */
    public int protectRtp(byte[] buf, int off, int len) {
        return outbound.protectRtp(buf, off, len);
    }

    /**
     * Authenticates, checks replay and decrypts an SRTP packet; the tag is dropped.
     *
     * @return the RTP length, or {@link SrtpResult#MALFORMED}, {@code TOO_MANY_SSRCS},
     *     {@code REPLAYED}, {@code AUTH_FAILED} or {@code INDEX_EXHAUSTED}; never more than {@code len}
     */
    public int unprotectRtp(byte[] buf, int off, int len) {
        return inbound.unprotectRtp(buf, off, len);
    }

    /**
     * Encrypts a (compound) RTCP packet after its first 8 bytes and appends the SRTCP index with the
     * E flag set and the tag. {@code buf} needs {@link SrtpProfile#rtcpOverhead()} bytes of room
     * after the packet: 14 for AES_CM_128_HMAC_SHA1_80, 20 for AEAD_AES_128_GCM.
     *
     * @return the protected length, or {@link SrtpResult#BUFFER_TOO_SMALL}, {@code MALFORMED},
     *     {@code TOO_MANY_SSRCS} or {@code INDEX_EXHAUSTED}
     */
    public int protectRtcp(byte[] buf, int off, int len) {
        return outbound.protectRtcp(buf, off, len);
    }

    /**
     * Authenticates, checks replay and, if the E flag says so, decrypts an SRTCP packet; index and
     * tag are dropped.
     *
     * @return the RTCP length, or {@link SrtpResult#MALFORMED}, {@code TOO_MANY_SSRCS},
     *     {@code REPLAYED} or {@code AUTH_FAILED}; never more than {@code len}
     */
    public int unprotectRtcp(byte[] buf, int off, int len) {
        return inbound.unprotectRtcp(buf, off, len);
    }

    /**
     * Frees the sending state of {@code ssrc} (RTP and RTCP). Only safe if this SSRC will not be
     * sent again under these keys: it would restart at ROC 0 and SRTCP index 1, reusing nonces.
     */
    public boolean forgetOutboundSsrc(int ssrc) {
        return outbound.forget(ssrc);
    }

    /**
     * Frees the receiving state of {@code ssrc} (RTP and RTCP). Its replay history goes with it, so
     * old packets of that SSRC would be accepted again; use when the peer has ended the stream.
     */
    public boolean forgetInboundSsrc(int ssrc) {
        return inbound.forget(ssrc);
    }

    private static SrtpCipher cipher(SrtpProfile profile, SrtpKeyMaterial keys, boolean client, boolean rtcp) {
        return SrtpCipher.of(profile, SessionKeys.derive(profile, keys.writeKey(client), keys.writeSalt(client), rtcp));
    }

    @Override
    public String toString() {
        return "SrtpSession[" + profile + "]";
    }
}
