package dev.switchboard.webrtc.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Creates our own offers, as Kurento's {@code generateOffer} does, and accepts the answers to them
 * (RFC 3264 §5 and §7, RFC 9429 §5.2 and §5.10); stateless and thread-safe.
 */
public final class SdpOfferer {

    private static final String OUR_SETUP = "actpass";
    private static final String PROTO = "UDP/TLS/RTP/SAVPF";

    private SdpOfferer() {
    }

    /** An offer with an audio and/or a video section, mids "0", "1", ... in that order. */
    public static LocalOffer createOffer(OfferOptions options) {
        Objects.requireNonNull(options, "options");
        if (!options.offerAudio() && !options.offerVideo()) {
            throw new IllegalArgumentException("an offer needs audio or video");
        }
        if (!options.mayReceive() && !options.maySend()) {
            throw new IllegalArgumentException("an offer needs to send or receive");
        }
        Direction direction = Direction.of(options.maySend(), options.mayReceive());
        LocalSenderAllocator senders = new LocalSenderAllocator(options.random(), options.cname(),
                options.streamId(), List.of());
        List<RtpSectionPlan> plans = new ArrayList<>();
        if (options.offerAudio()) {
            plans.add(plan("audio", Integer.toString(plans.size()), List.of(OfferedCodecs.OPUS),
                    OfferedCodecs.AUDIO_EXTENSIONS, direction, options.maxAudioRecvKbps(), senders));
        }
        if (options.offerVideo()) {
            plans.add(plan("video", Integer.toString(plans.size()), List.of(OfferedCodecs.VP8, OfferedCodecs.H264),
                    OfferedCodecs.VIDEO_EXTENSIONS, direction, options.maxVideoRecvKbps(), senders));
        }
        LocalTransport local = new LocalTransport(options.ice(), options.fingerprint(), options.candidates(), OUR_SETUP);
        SdpWriter body = new SdpWriter();
        plans.forEach(p -> SectionWriter.writeRtp(body, p, local));
        List<String> mids = plans.stream().map(RtpSectionPlan::mid).toList();
        String text = SessionHeader.write(options.random(), mids).append(body).toString();
        return new LocalOffer(SessionDescription.parse(text), options);
    }

    /**
     * Checks the answer against our offer and reports what was agreed.
     *
     * @throws SdpNegotiationException when the answer does not fit the offer (m-line count, order or
     *         mids, codecs or extensions we did not offer, a direction we did not allow) or lacks ICE
     *         credentials, a fingerprint or rtcp-mux
     */
    public static NegotiatedSession acceptAnswer(LocalOffer offer, SessionDescription answer) {
        Objects.requireNonNull(offer, "offer");
        Objects.requireNonNull(answer, "answer");
        return AnswerAcceptor.accept(offer.sdp(), answer);
    }

    private static RtpSectionPlan plan(String media, String mid, List<RtpCodec> codecs, List<HeaderExtension> ext,
                                       Direction direction, int kbps, LocalSenderAllocator senders) {
        LocalSender sender = direction.sends() ? senders.next() : null;
        return new RtpSectionPlan(media, PROTO, mid, codecs, ext, direction, kbps, sender, true);
    }
}
