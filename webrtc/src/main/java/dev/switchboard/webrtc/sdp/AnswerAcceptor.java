package dev.switchboard.webrtc.sdp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a remote answer against the offer we made and derives the agreed media (RFC 3264 §6-7,
 * RFC 9429 §5.10, RFC 8285 §6 for extmap ids); stateless and thread-safe.
 */
final class AnswerAcceptor {

    private AnswerAcceptor() {
    }

    static NegotiatedSession accept(SessionDescription offer, SessionDescription answer) {
        if (answer.media().size() != offer.media().size()) {
            throw new SdpNegotiationException("answer has " + answer.media().size() + " m-sections, offer had "
                    + offer.media().size());
        }
        List<String> offerMids = Mids.require(offer, "offer");
        List<String> answerMids = Mids.require(answer, "answer");
        List<NegotiatedMedia> results = new ArrayList<>();
        RemoteTransport remote = null;
        for (int i = 0; i < offer.media().size(); i++) {
            MediaDescription om = offer.media().get(i);
            MediaDescription am = answer.media().get(i);
            String mid = offerMids.get(i);
            if (!am.media().equals(om.media()) || !answerMids.get(i).equals(mid)) {
                throw new SdpNegotiationException("answer m-section " + i + " is " + Snippet.of(am.media())
                        + " mid " + Snippet.of(answerMids.get(i)) + ", offered " + om.media() + " mid " + mid);
            }
            if (am.port() == 0) {
                results.add(NegotiatedMedia.rejected(i, mid, om.kind()));
                continue;
            }
            String where = "answer m-section " + mid;
            if (!am.proto().equals(om.proto())) {
                throw new SdpNegotiationException(where + " changes the proto to " + Snippet.of(am.proto()));
            }
            if (!am.hasAttribute("rtcp-mux")) {
                throw new SdpNegotiationException(where + " lacks a=rtcp-mux");
            }
            RemoteTransport transport = RemoteTransport.of(answer, am, where);
            if (transport.setup().equals("actpass")) {
                throw new SdpNegotiationException(where + " must choose setup:active or setup:passive");
            }
            if (remote == null) {
                remote = transport;
            }
            results.add(acceptedMedia(i, mid, om, am, where));
        }
        if (remote == null) {
            throw new SdpNegotiationException("the answer rejects every m-section");
        }
        for (String bundled : answer.bundleGroup()) {
            if (!offerMids.contains(bundled)) {
                throw new SdpNegotiationException("answer bundles unknown mid " + Snippet.of(bundled));
            }
        }
        return new NegotiatedSession(offer.format(), results, remote.ice(), remote.fingerprint(), remote.setup());
    }

    private static NegotiatedMedia acceptedMedia(int index, String mid, MediaDescription om, MediaDescription am,
                                                 String where) {
        RtpCodec codec = primaryCodec(om, am, where);
        List<HeaderExtension> extensions = am.extensions();
        for (HeaderExtension e : extensions) {
            if (!om.extensions().contains(e)) {
                throw new SdpNegotiationException(where + " uses extmap " + e.id() + " " + Snippet.of(e.uri())
                        + " which was not offered");
            }
        }
        Direction offered = om.direction();
        Direction answered = am.direction();
        if ((answered.sends() && !offered.receives()) || (answered.receives() && !offered.sends())) {
            throw new SdpNegotiationException(where + " answers " + answered.attributeName() + " to "
                    + offered.attributeName());
        }
        Direction local = answered.reverse();
        long localSsrc = local.sends() && !om.ssrcs().isEmpty() ? om.ssrcs().getFirst() : 0;
        return new NegotiatedMedia(index, mid, om.kind(), false, local, List.of(codec), extensions,
                RemoteSsrcs.of(am), localSsrc, RemoteSsrcs.msid(am));
    }

    /** The answer's first format, which must be one we offered under the same encoding. */
    private static RtpCodec primaryCodec(MediaDescription om, MediaDescription am, String where) {
        Map<Integer, RtpCodec> offered = new HashMap<>();
        om.codecs().forEach(c -> offered.put(c.payloadType(), c));
        Map<Integer, RtpCodec> answered = new HashMap<>();
        am.codecs().forEach(c -> answered.put(c.payloadType(), c));
        for (String format : am.formats()) {
            int pt = Integer.parseInt(format);
            RtpCodec o = offered.get(pt);
            RtpCodec a = answered.get(pt);
            if (o == null) {
                throw new SdpNegotiationException(where + " uses payload type " + pt + " which was not offered");
            }
            if (a != null && (!a.is(o.name(), o.clockRate()) || a.channels() != o.channels())) {
                throw new SdpNegotiationException(where + " maps payload type " + pt + " to " + a.name()
                        + ", offered " + o.name());
            }
        }
        int pt = Integer.parseInt(am.formats().getFirst());
        RtpCodec o = offered.get(pt);
        RtpCodec a = answered.getOrDefault(pt, o);
        List<String> feedback = a.feedback().stream().filter(o.feedback()::contains).toList();
        return new RtpCodec(pt, o.name(), o.clockRate(), o.channels(), a.fmtp(), feedback);
    }
}
