package dev.switchboard.webrtc.srtp;

import java.util.Objects;

/**
 * The sending half of a session: turns RTP and RTCP into SRTP and SRTCP in place and keeps each
 * outgoing SSRC's packet index (RFC 3711 §3.3, §3.4); owned by one thread, not thread-safe.
 */
final class SrtpSender {

    private final SrtpCipher rtp;
    private final SrtpCipher rtcp;
    private final SsrcTable rtpStreams;
    private final SsrcTable rtcpStreams;

    SrtpSender(SrtpCipher rtp, SrtpCipher rtcp, int maxSsrcs) {
        this.rtp = rtp;
        this.rtcp = rtcp;
        this.rtpStreams = new SsrcTable(maxSsrcs);
        this.rtcpStreams = new SsrcTable(maxSsrcs);
    }

    int protectRtp(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (buf.length - off - len < rtp.rtpOverhead()) {
            return SrtpResult.BUFFER_TOO_SMALL;
        }
        int headerLength = RtpHeader.length(buf, off, len);
        if (headerLength < 0) {
            return SrtpResult.MALFORMED;
        }
        int ssrc = RtpHeader.ssrc(buf, off);
        ReplayWindow window = rtpStreams.get(ssrc);
        if (window == null && rtpStreams.isFull()) {
            return SrtpResult.TOO_MANY_SSRCS;
        }
        // The sender estimates like a receiver, so packets the application hands us slightly out of
        // order (a forwarded stream reordered upstream) still get the ROC they were sent with.
        long index = RtpIndex.fresh(window, RtpHeader.sequence(buf, off));
        if (index < 0) {
            return (int) index;
        }
        int result = rtp.sealRtp(buf, off, headerLength, len, ssrc, index);
        (window != null ? window : rtpStreams.add(ssrc)).accept(index);
        return result;
    }

    int protectRtcp(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (buf.length - off - len < rtcp.rtcpOverhead()) {
            return SrtpResult.BUFFER_TOO_SMALL;
        }
        if (!RtcpHeader.isValid(buf, off, len)) {
            return SrtpResult.MALFORMED;
        }
        int ssrc = RtcpHeader.ssrc(buf, off);
        ReplayWindow window = rtcpStreams.get(ssrc);
        if (window == null && rtcpStreams.isFull()) {
            return SrtpResult.TOO_MANY_SSRCS;
        }
        // Counting from 1 as libsrtp does, so our first packet matches its published known answers.
        long index = window == null ? 1 : window.highest() + 1;
        if (index > SrtpCipher.MAX_SRTCP_INDEX) {
            return SrtpResult.INDEX_EXHAUSTED;
        }
        int result = rtcp.sealRtcp(buf, off, len, ssrc, (int) index);
        (window != null ? window : rtcpStreams.add(ssrc)).accept(index);
        return result;
    }

    boolean forget(int ssrc) {
        boolean rtpKnown = rtpStreams.remove(ssrc);
        return rtcpStreams.remove(ssrc) | rtpKnown;
    }
}
