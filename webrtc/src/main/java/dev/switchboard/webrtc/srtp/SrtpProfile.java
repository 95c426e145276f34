package dev.switchboard.webrtc.srtp;

import java.util.List;
import java.util.Optional;

/**
 * The SRTP protection profiles DTLS-SRTP may negotiate, with the key, salt and tag sizes RFC 5764
 * §4.1.2 and RFC 7714 §14.2 give them; immutable and thread-safe.
 */
public enum SrtpProfile {
    /** RFC 5764 §4.1.2 {@code SRTP_AES128_CM_HMAC_SHA1_80}: AES-CM encryption, 80-bit HMAC-SHA1 tag. */
    AES_CM_128_HMAC_SHA1_80(0x0001, 16, 14, 20, 10),
    /** RFC 7714 §14.2 {@code SRTP_AEAD_AES_128_GCM}: AES-GCM with a 128-bit tag. */
    AEAD_AES_128_GCM(0x0007, 16, 12, 0, 16);

    /**
     * GCM first: it authenticates with less overhead per packet than HMAC-SHA1-80 and every
     * current browser offers it; AES-CM stays as the profile every WebRTC endpoint must support
     * (RFC 8827 §6.5).
     */
    public static final List<SrtpProfile> DEFAULT_PREFERENCE = List.of(AEAD_AES_128_GCM, AES_CM_128_HMAC_SHA1_80);

    /** The SRTCP trailer field that holds the E flag and the 31-bit SRTCP index (RFC 3711 §3.4). */
    static final int SRTCP_INDEX_LENGTH = 4;

    private final int id;
    private final int masterKeyLength;
    private final int masterSaltLength;
    private final int authKeyLength;
    private final int tagLength;

    SrtpProfile(int id, int masterKeyLength, int masterSaltLength, int authKeyLength, int tagLength) {
        this.id = id;
        this.masterKeyLength = masterKeyLength;
        this.masterSaltLength = masterSaltLength;
        this.authKeyLength = authKeyLength;
        this.tagLength = tagLength;
    }

    /** The two-byte DTLS use_srtp profile id. */
    public int id() {
        return id;
    }

    /** Master key length in bytes; the session encryption key has the same length. */
    public int masterKeyLength() {
        return masterKeyLength;
    }

    /** Master salt length in bytes; the session salt has the same length. */
    public int masterSaltLength() {
        return masterSaltLength;
    }

    /** Bytes {@code protectRtp} appends, so the headroom a caller's buffer needs after the packet. */
    public int rtpOverhead() {
        return tagLength;
    }

    /** Bytes {@code protectRtcp} appends: the tag and the E flag with the SRTCP index. */
    public int rtcpOverhead() {
        return tagLength + SRTCP_INDEX_LENGTH;
    }

    /** How many bytes to export under {@code EXTRACTOR-dtls_srtp}: a key and a salt for each direction (RFC 5764 §4.2). */
    public int keyingMaterialLength() {
        return 2 * (masterKeyLength + masterSaltLength);
    }

    /** The profile with this {@code use_srtp} value, if we support it. */
    public static Optional<SrtpProfile> byId(int id) {
        for (SrtpProfile profile : values()) {
            if (profile.id == id) {
                return Optional.of(profile);
            }
        }
        return Optional.empty();
    }

    int authKeyLength() {
        return authKeyLength;
    }

    /**
     * The profile with this DTLS use_srtp id.
     *
     * @throws IllegalArgumentException if the id names no profile this package implements
     */
    public static SrtpProfile fromId(int id) {
        for (SrtpProfile p : values()) {
            if (p.id == id) {
                return p;
            }
        }
        throw new IllegalArgumentException(String.format("unsupported SRTP protection profile 0x%04x", id));
    }
}
