package dev.switchboard.webrtc.sdp;

import java.util.List;
import java.util.Optional;

/**
 * Decides whether and how we answer one offered m-section (RFC 3264 §6, RFC 9429 §5.3.1, RFC 8843
 * §7.3.3 for bundle-only, RFC 8841 §5 for data channels); stateless and thread-safe.
 */
final class SectionPolicy {

    private SectionPolicy() {
    }

    static SectionAnswer decide(int index, String mid, MediaDescription m, AnswerOptions options,
                                LocalSenderAllocator senders) {
        // Port 0 without bundle-only means the offerer itself has stopped the section.
        boolean offeredActive = m.port() != 0 || m.hasAttribute("bundle-only");
        if (!offeredActive) {
            return reject(index, mid, m);
        }
        return switch (m.kind()) {
            case AUDIO, VIDEO -> rtp(index, mid, m, options, senders);
            case APPLICATION -> dataChannel(index, mid, m, options);
            case OTHER -> reject(index, mid, m);
        };
    }

    private static SectionAnswer rtp(int index, String mid, MediaDescription m, AnswerOptions options,
                                     LocalSenderAllocator senders) {
        // Chrome requires rtcp-mux; WebRTC requires DTLS-SRTP, i.e. a secure profile.
        if (!m.isRtp() || !isSecureProfile(m.proto()) || !m.hasAttribute("rtcp-mux")) {
            return reject(index, mid, m);
        }
        Direction ours = m.direction().reverse().narrow(options.maySend(), options.mayReceive());
        Optional<RtpCodec> codec = CodecSelector.select(m.kind(), m.codecs());
        if (ours == Direction.INACTIVE || codec.isEmpty()) {
            return reject(index, mid, m);
        }
        List<HeaderExtension> extensions = ExtensionFilter.accept(m);
        LocalSender sender = ours.sends() ? senders.next() : null;
        int kbps = m.kind() == MediaKind.AUDIO ? options.maxAudioRecvKbps() : options.maxVideoRecvKbps();
        RtpSectionPlan plan = new RtpSectionPlan(m.media(), m.proto(), mid, List.of(codec.get()), extensions,
                ours, kbps, sender, m.hasAttribute("rtcp-rsize"));
        NegotiatedMedia result = new NegotiatedMedia(index, mid, m.kind(), false, ours, List.of(codec.get()),
                extensions, RemoteSsrcs.of(m), sender == null ? 0 : sender.ssrc(), RemoteSsrcs.msid(m));
        return new SectionAnswer.Rtp(result, plan);
    }

    private static SectionAnswer dataChannel(int index, String mid, MediaDescription m, AnswerOptions options) {
        // Only the RFC 8841 form; the pre-standard "DTLS/SCTP 5000" + a=sctpmap is long gone from browsers.
        boolean sctp = m.proto().endsWith("DTLS/SCTP") && m.formats().contains("webrtc-datachannel");
        if (!options.useDataChannels() || !sctp) {
            return reject(index, mid, m);
        }
        NegotiatedMedia result = new NegotiatedMedia(index, mid, m.kind(), false, Direction.SENDRECV,
                List.of(), List.of(), List.of(), 0, "");
        return new SectionAnswer.DataChannel(result, m.proto());
    }

    private static SectionAnswer reject(int index, String mid, MediaDescription m) {
        return new SectionAnswer.Rejected(NegotiatedMedia.rejected(index, mid, m.kind()), m);
    }

    private static boolean isSecureProfile(String proto) {
        return proto.endsWith("/SAVPF") || proto.endsWith("/SAVP");
    }
}
