package dev.switchboard.webrtc.rtcp;

/**
 * RTCP packet type and feedback message type (FMT) numbers from RFC 3550 §12.1, RFC 4585 §6.1,
 * RFC 5104 §4.3 and draft-alvestrand-rmcat-remb-03; constants only, thread-safe.
 */
public final class RtcpPacketType {

    public static final int SR = 200;
    public static final int RR = 201;
    public static final int SDES = 202;
    public static final int BYE = 203;
    public static final int APP = 204;
    /** Transport-layer feedback (RFC 4585 §6.2). */
    public static final int RTPFB = 205;
    /** Payload-specific feedback (RFC 4585 §6.3). */
    public static final int PSFB = 206;
    public static final int XR = 207;

    /** RTPFB FMT 1: generic NACK (RFC 4585 §6.2.1). */
    public static final int FMT_GENERIC_NACK = 1;
    /** PSFB FMT 1: picture loss indication (RFC 4585 §6.3.1). */
    public static final int FMT_PLI = 1;
    /** PSFB FMT 4: full intra request (RFC 5104 §4.3.1). */
    public static final int FMT_FIR = 4;
    /** PSFB FMT 15: application layer feedback, used by REMB (RFC 4585 §6.4). */
    public static final int FMT_AFB = 15;

    private RtcpPacketType() {
    }

    /**
     * Whether the second byte of a datagram on a muxed RTP/RTCP port marks RTCP: RFC 5761 §4
     * reserves 192-223 for RTCP packet types, which RTP payload types must avoid.
     */
    public static boolean isRtcp(int secondByte) {
        int pt = secondByte & 0xFF;
        return pt >= 192 && pt <= 223;
    }
}
