package dev.switchboard.webrtc.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Asserts the checklist an SFU answer must meet for Chrome (RFC 3264 §6, RFC 9429 §5.3.1,
 * RFC 8843 §7.3, RFC 5763 §5); reusable from other modules through the test-jar, stateless and
 * thread-safe.
 */
public final class AnswerChecks {

    private static final Set<String> FORBIDDEN_CODECS = Set.of("rtx", "red", "ulpfec", "flexfec-03");
    private static final Set<String> FORBIDDEN_EXTENSIONS = Set.of(
            "urn:ietf:params:rtp-hdrext:sdes:mid",
            "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id",
            "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id",
            "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01");

    private AnswerChecks() {
    }

    /** Checks {@code result} as our answer to {@code offer} made with {@code options}; returns the parsed answer. */
    public static SessionDescription assertValidAnswer(SessionDescription offer, NegotiatedSession result,
                                                       AnswerOptions options) {
        SessionDescription answer = SessionDescription.parse(result.sdp());
        assertThat(answer.format()).isEqualTo(result.sdp());
        assertThat(answer.hasAttribute("ice-lite")).as("a=ice-lite").isTrue();
        assertThat(answer.attributes("msid-semantic")).containsExactly(" WMS *");
        assertThat(answer.media()).hasSameSizeAs(offer.media());
        assertThat(result.media()).hasSameSizeAs(offer.media());

        List<String> acceptedMids = new ArrayList<>();
        for (int i = 0; i < offer.media().size(); i++) {
            MediaDescription o = offer.media().get(i);
            MediaDescription a = answer.media().get(i);
            NegotiatedMedia n = result.media().get(i);
            String where = "m-section " + i + " (" + o.mid() + ")";
            assertThat(a.media()).as(where).isEqualTo(o.media());
            assertThat(a.mid()).as(where).isEqualTo(o.mid());
            assertThat(n.mid()).as(where).isEqualTo(o.mid());
            assertThat(n.index()).isEqualTo(i);
            assertThat(n.rejected()).as(where + " rejected").isEqualTo(a.port() == 0);
            if (a.port() == 0) {
                assertRejected(a, n, where);
                continue;
            }
            acceptedMids.add(a.mid());
            assertTransport(a, options, where);
            if (a.kind() == MediaKind.APPLICATION) {
                assertThat(a.attributes("sctp-port")).as(where).containsExactly("5000");
                assertThat(a.attributes("max-message-size")).as(where).containsExactly("262144");
            } else {
                assertRtp(o, a, n, options, where);
            }
        }
        assertThat(acceptedMids).as("something accepted").isNotEmpty();
        if (offer.bundleGroup().isEmpty()) {
            assertThat(answer.bundleGroup()).isEmpty();
        } else {
            assertThat(answer.bundleGroup()).as("BUNDLE group")
                    .isEqualTo(offer.bundleGroup().stream().filter(acceptedMids::contains).toList());
        }
        return answer;
    }

    private static void assertRejected(MediaDescription a, NegotiatedMedia n, String where) {
        assertThat(a.formats()).as(where).hasSize(1);
        assertThat(a.lines().stream().filter(l -> l.startsWith("a=")).toList())
                .as(where + " attributes of a rejected section").containsExactly("a=mid:" + a.mid());
        assertThat(n.localDirection()).isEqualTo(Direction.INACTIVE);
        assertThat(n.codecs()).isEmpty();
        assertThat(n.localSsrc()).isZero();
    }

    private static void assertTransport(MediaDescription a, AnswerOptions options, String where) {
        assertThat(a.attributes("ice-ufrag")).as(where).containsExactly(options.ice().ufrag());
        assertThat(a.attributes("ice-pwd")).as(where).containsExactly(options.ice().pwd());
        assertThat(a.attributes("fingerprint")).as(where).containsExactly(options.fingerprint().toSdpValue());
        assertThat(a.attributes("setup")).as(where).containsExactly("passive");
        assertThat(a.attributes("candidate")).as(where).hasSize(options.candidates().size());
        assertThat(a.hasAttribute("end-of-candidates")).as(where).isEqualTo(!options.candidates().isEmpty());
        assertThat(a.hasAttribute("ice-options")).as(where + " ice-options with ice-lite").isFalse();
    }

    private static void assertRtp(MediaDescription o, MediaDescription a, NegotiatedMedia n, AnswerOptions options,
                                  String where) {
        assertThat(a.proto()).as(where).isEqualTo(o.proto());
        assertThat(a.port()).as(where).isEqualTo(9);
        assertThat(a.hasAttribute("rtcp-mux")).as(where + " rtcp-mux").isTrue();
        assertThat(o.hasAttribute("rtcp-mux")).as(where + " offered rtcp-mux").isTrue();
        assertThat(a.hasAttribute("rtcp-rsize")).as(where + " rtcp-rsize").isEqualTo(o.hasAttribute("rtcp-rsize"));

        assertThat(o.formats()).as(where + " payload types").containsAll(a.formats());
        assertThat(a.codecs()).as(where + " one codec").hasSize(1);
        Map<Integer, RtpCodec> offered = new HashMap<>();
        o.codecs().forEach(c -> offered.put(c.payloadType(), c));
        for (RtpCodec c : a.codecs()) {
            RtpCodec oc = offered.get(c.payloadType());
            assertThat(oc).as(where + " PT " + c.payloadType() + " offered").isNotNull();
            assertThat(c.is(oc.name(), oc.clockRate())).as(where + " same encoding").isTrue();
            assertThat(c.channels()).isEqualTo(oc.channels());
            assertThat(c.fmtp()).as(where + " fmtp copied").isEqualTo(oc.fmtp());
            assertThat(oc.feedback()).as(where + " rtcp-fb offered").containsAll(c.feedback());
            assertThat(c.feedback()).doesNotContain("transport-cc");
            assertThat(FORBIDDEN_CODECS).doesNotContain(c.name().toLowerCase(java.util.Locale.ROOT));
        }
        assertThat(o.extensions()).as(where + " extmaps offered").containsAll(a.extensions());
        assertThat(a.extensions()).extracting(HeaderExtension::uri).doesNotContainAnyElementsOf(FORBIDDEN_EXTENSIONS);

        Direction expected = o.direction().reverse().narrow(options.maySend(), options.mayReceive());
        assertThat(a.direction()).as(where + " direction").isEqualTo(expected);
        assertThat(n.localDirection()).isEqualTo(expected);
        assertThat(n.codecs()).isEqualTo(a.codecs());
        assertThat(n.extensions()).isEqualTo(a.extensions());

        int kbps = a.kind() == MediaKind.AUDIO ? options.maxAudioRecvKbps() : options.maxVideoRecvKbps();
        assertThat(a.lines().contains("b=AS:" + kbps)).as(where + " b=AS").isEqualTo(kbps > 0);

        List<String> ssrcLines = a.attributes("ssrc");
        if (expected.sends()) {
            assertThat(n.localSsrc()).as(where + " local SSRC").isPositive();
            assertThat(ssrcLines).as(where + " a=ssrc").containsExactly(
                    n.localSsrc() + " cname:" + options.cname(),
                    n.localSsrc() + " msid:" + a.attribute("msid").orElseThrow());
            assertThat(a.attribute("msid").orElseThrow()).startsWith(options.streamId() + " ");
        } else {
            assertThat(n.localSsrc()).isZero();
            assertThat(ssrcLines).as(where + " no a=ssrc when only receiving").isEmpty();
            assertThat(a.hasAttribute("msid")).isFalse();
        }
    }
}
