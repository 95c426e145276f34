package dev.switchboard.webrtc.sdp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Answers a browser's offer as an ICE-lite, DTLS-server SFU that forwards one codec per media
 * without transcoding (RFC 3264 §6, RFC 9429 §5.3, RFC 8843 §7.3, RFC 5763 §5); stateless and
 * thread-safe.
 */
public final class SdpAnswerer {

    private static final String OUR_SETUP = "passive";

    private SdpAnswerer() {
    }

    /**
     * Builds our answer.
     *
     * @throws SdpNegotiationException when the offer lacks ICE credentials or a fingerprint, asks us
     *         to be the DTLS client, or nothing in it is acceptable
     */
    public static NegotiatedSession answer(SessionDescription offer, AnswerOptions options) {
        Objects.requireNonNull(offer, "offer");
        Objects.requireNonNull(options, "options");
        List<String> mids = Mids.require(offer, "offer");
        Set<Long> remoteSsrcs = new LinkedHashSet<>();
        offer.media().forEach(m -> remoteSsrcs.addAll(m.ssrcs()));
        LocalSenderAllocator senders = new LocalSenderAllocator(options.random(), options.cname(),
                options.streamId(), remoteSsrcs);

        List<SectionAnswer> sections = new ArrayList<>();
        RemoteTransport remote = null;
        for (int i = 0; i < offer.media().size(); i++) {
            MediaDescription m = offer.media().get(i);
            SectionAnswer section = SectionPolicy.decide(i, mids.get(i), m, options, senders);
            if (section.accepted()) {
                RemoteTransport transport = RemoteTransport.of(offer, m, "offer m-section " + mids.get(i));
                if (transport.setup().equals("passive")) {
                    // We only implement the DTLS server role in answers.
                    throw new SdpNegotiationException("offer m-section " + mids.get(i)
                            + " is setup:passive, but we only answer as DTLS server");
                }
                if (remote == null) {
                    remote = transport;
                }
            }
            sections.add(section);
        }
        if (remote == null) {
            throw new SdpNegotiationException("no m-section of the offer can be accepted");
        }

        LocalTransport local = new LocalTransport(options.ice(), options.fingerprint(), options.candidates(), OUR_SETUP);
        SdpWriter body = new SdpWriter();
        for (SectionAnswer section : sections) {
            switch (section) {
                case SectionAnswer.Rejected r -> SectionWriter.writeRejected(body, r.offered(), r.result().mid());
                case SectionAnswer.Rtp r -> SectionWriter.writeRtp(body, r.plan(), local);
                case SectionAnswer.DataChannel d -> SectionWriter.writeDataChannel(body, d.proto(), d.result().mid(), local);
            }
        }
        String sdp = SessionHeader.write(options.random(), bundleMids(offer, sections)).append(body).toString();
        List<NegotiatedMedia> media = sections.stream().map(SectionAnswer::result).toList();
        return new NegotiatedSession(sdp, media, remote.ice(), remote.fingerprint(), remote.setup());
    }

    /** The offer's BUNDLE group minus rejected sections, in the offer's order (RFC 8843 §7.3.1). */
    private static List<String> bundleMids(SessionDescription offer, List<SectionAnswer> sections) {
        Set<String> accepted = new LinkedHashSet<>();
        for (SectionAnswer s : sections) {
            if (s.accepted()) {
                accepted.add(s.result().mid());
            }
        }
        return offer.bundleGroup().stream().filter(accepted::contains).toList();
    }
}
