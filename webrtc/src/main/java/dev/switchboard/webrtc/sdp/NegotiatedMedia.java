package dev.switchboard.webrtc.sdp;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of offer/answer for one m-section (RFC 3264 §6, RFC 9429 §5.3); immutable and
 * thread-safe.
 *
 * @param index          position of the m-section, 0-based
 * @param mid            its {@code a=mid}
 * @param rejected       whether the section carries nothing (port 0)
 * @param localDirection the direction we use; INACTIVE when rejected
 * @param codecs         the single accepted codec with the remote side's payload-type number and
 *                       the feedback both sides agreed on; empty when rejected or not RTP
 * @param extensions     accepted extmaps with the offer's ids
 * @param remoteSsrcs    media SSRCs the remote announced (RTX repair SSRCs left out)
 * @param localSsrc      the SSRC we announced for sending, 0 if we do not send
 * @param remoteMsid     the remote {@code a=msid} value ({@code <stream> <track>}), "" when absent
 */
public record NegotiatedMedia(int index, String mid, MediaKind kind, boolean rejected,
                              Direction localDirection,
                              List<RtpCodec> codecs,
                              List<HeaderExtension> extensions,
                              List<Long> remoteSsrcs,
                              long localSsrc,
                              String remoteMsid) {

    public NegotiatedMedia {
        Objects.requireNonNull(mid, "mid");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(localDirection, "localDirection");
        Objects.requireNonNull(remoteMsid, "remoteMsid");
        codecs = List.copyOf(codecs);
        extensions = List.copyOf(extensions);
        remoteSsrcs = List.copyOf(remoteSsrcs);
    }

    /** A rejected section: nothing flows. */
    static NegotiatedMedia rejected(int index, String mid, MediaKind kind) {
        return new NegotiatedMedia(index, mid, kind, true, Direction.INACTIVE, List.of(), List.of(),
                List.of(), 0, "");
    }
}
