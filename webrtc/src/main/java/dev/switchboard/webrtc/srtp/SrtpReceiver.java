package dev.switchboard.webrtc.srtp;

import java.util.Objects;

/**
 * The receiving half of a session: checks and turns SRTP and SRTCP back into RTP and RTCP in place,
 * with ROC estimation and a replay window per incoming SSRC (RFC 3711 §3.3, §3.4); owned by one
 * thread, not thread-safe.
 */
final class SrtpReceiver {

    private final SrtpCipher rtp;
    private final SrtpCipher rtcp;
    private final SsrcTable rtpStreams;
    private final SsrcTable rtcpStreams;

    SrtpReceiver(SrtpCipher rtp, SrtpCipher rtcp, int maxSsrcs) {
        this.rtp = rtp;
        this.rtcp = rtcp;
        this.rtpStreams = new SsrcTable(maxSsrcs);
        this.rtcpStreams = new SsrcTable(maxSsrcs);
    }

    int unprotectRtp(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        int headerLength = RtpHeader.length(buf, off, len - rtp.rtpOverhead());
        if (headerLength < 0) {
            return SrtpResult.MALFORMED;
        }
        int ssrc = RtpHeader.ssrc(buf, off);
        ReplayWindow window = rtpStreams.get(ssrc);
        if (window == null && rtpStreams.isFull()) {
            return SrtpResult.TOO_MANY_SSRCS;
        }
        // Checked before the tag so that replays cost no crypto; only accepted after it, so forged
        // packets cannot move the window.
        long index = RtpIndex.fresh(window, RtpHeader.sequence(buf, off));
        if (index < 0) {
            return (int) index;
        }
        int result = rtp.openRtp(buf, off, headerLength, len, ssrc, index);
        if (result >= 0) {
            (window != null ? window : rtpStreams.add(ssrc)).accept(index);
        }
        return result;
    }

    int unprotectRtcp(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (!RtcpHeader.isValid(buf, off, len - rtcp.rtcpOverhead())) {
            return SrtpResult.MALFORMED;
        }
        int ssrc = RtcpHeader.ssrc(buf, off);
        ReplayWindow window = rtcpStreams.get(ssrc);
        if (window == null && rtcpStreams.isFull()) {
            return SrtpResult.TOO_MANY_SSRCS;
        }
        int indexWord = rtcp.srtcpIndexWord(buf, off, len);
        long index = indexWord & SrtpCipher.MAX_SRTCP_INDEX;
        if (window != null && !window.isFresh(index)) {
            return SrtpResult.REPLAYED;
        }
        int result = rtcp.openRtcp(buf, off, len, ssrc, indexWord);
        if (result >= 0) {
            (window != null ? window : rtcpStreams.add(ssrc)).accept(index);
        }
        return result;
    }

    boolean forget(int ssrc) {
        boolean rtpKnown = rtpStreams.remove(ssrc);
        return rtcpStreams.remove(ssrc) | rtpKnown;
    }
}
