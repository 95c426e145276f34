package dev.switchboard.webrtc.sdp;

import dev.switchboard.webrtc.ice.IceCandidate;
import java.util.stream.Collectors;

/**
 * Writes the m-sections of our offers and answers in the line order browsers emit (RFC 8866 §5,
 * RFC 9429 §5.2.1 and §5.3.1, RFC 8841 §5 for data channels); stateless and thread-safe.
 */
final class SectionWriter {

    /** RFC 8841 §5.1 recommends 5000; the port is only a label inside the DTLS association. */
    static final int SCTP_PORT = 5000;
    static final int MAX_MESSAGE_SIZE = 262_144;

    // With ICE the m= and c= addresses are placeholders (RFC 9429 §5.2.1: port 9, 0.0.0.0).
    private static final String DUMMY_PORT = "9";
    private static final String DUMMY_CONNECTION = "IN IP4 0.0.0.0";

    private SectionWriter() {
    }

    static void writeRtp(SdpWriter w, RtpSectionPlan p, LocalTransport t) {
        String pts = p.codecs().stream().map(c -> Integer.toString(c.payloadType())).collect(Collectors.joining(" "));
        w.line('m', p.media() + " " + DUMMY_PORT + " " + p.proto() + " " + pts);
        w.line('c', DUMMY_CONNECTION);
        if (p.bandwidthKbps() > 0) {
            w.line('b', "AS:" + p.bandwidthKbps());
        }
        w.attribute("rtcp:" + DUMMY_PORT + " " + DUMMY_CONNECTION);
        writeTransport(w, t);
        w.attribute("mid:" + p.mid());
        for (HeaderExtension e : p.extensions()) {
            w.attribute("extmap:" + e.toSdpValue());
        }
        w.attribute(p.direction().attributeName());
        if (p.sender() != null) {
            w.attribute(p.sender().msidAttribute());
        }
        w.attribute("rtcp-mux");
        if (p.rtcpRsize()) {
            w.attribute("rtcp-rsize");
        }
        for (RtpCodec c : p.codecs()) {
            w.attribute("rtpmap:" + c.rtpmapValue());
            for (String fb : c.feedback()) {
                w.attribute("rtcp-fb:" + c.payloadType() + " " + fb);
            }
            if (!c.fmtp().isEmpty()) {
                w.attribute("fmtp:" + c.payloadType() + " " + c.fmtp());
            }
        }
        if (p.sender() != null) {
            for (String ssrc : p.sender().ssrcAttributes()) {
                w.attribute(ssrc);
            }
        }
    }

    static void writeDataChannel(SdpWriter w, String proto, String mid, LocalTransport t) {
        w.line('m', "application " + DUMMY_PORT + " " + proto + " webrtc-datachannel");
        w.line('c', DUMMY_CONNECTION);
        writeTransport(w, t);
        w.attribute("mid:" + mid);
        w.attribute("sctp-port:" + SCTP_PORT);
        w.attribute("max-message-size:" + MAX_MESSAGE_SIZE);
    }

    /** RFC 3264 §6: port 0, and RFC 9429 §5.3.1 keeps only the mid. */
    static void writeRejected(SdpWriter w, MediaDescription offered, String mid) {
        w.line('m', offered.media() + " 0 " + offered.proto() + " " + offered.formats().getFirst());
        w.line('c', DUMMY_CONNECTION);
        w.attribute("mid:" + mid);
    }

    private static void writeTransport(SdpWriter w, LocalTransport t) {
        for (IceCandidate c : t.candidates()) {
            w.attribute(c.toSdpValue());
        }
        // Without candidates the peer must wait for trickled ones, so do not end the list early.
        if (!t.candidates().isEmpty()) {
            w.attribute("end-of-candidates");
        }
        w.attribute("ice-ufrag:" + t.ice().ufrag());
        w.attribute("ice-pwd:" + t.ice().pwd());
        w.attribute("fingerprint:" + t.fingerprint().toSdpValue());
        w.attribute("setup:" + t.setup());
    }
}
