package dev.switchboard.webrtc.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.webrtc.dtls.Fingerprint;
import dev.switchboard.webrtc.ice.IceCredentials;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tests {@link SdpAnswerer} against browser offers and the RFC 9429 §5.3.1 answer rules; single-threaded. */
class SdpAnswererTest {

    private static final String ABS_SEND_TIME = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
    private static final String AUDIO_LEVEL = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";

    static Stream<String> offers() {
        return SdpFixtures.offerNames().stream();
    }

    static Stream<Arguments> offersAndPolicies() {
        List<Arguments> args = new ArrayList<>();
        for (String name : SdpFixtures.offerNames()) {
            for (boolean[] p : new boolean[][] {{true, true}, {true, false}, {false, true}}) {
                for (boolean data : new boolean[] {true, false}) {
                    args.add(Arguments.of(name, p[0], p[1], data));
                }
            }
        }
        return args.stream();
    }

    @ParameterizedTest
    @MethodSource("offers")
    void answersEveryFixtureWithFullPolicy(String name) {
        SessionDescription offer = SdpFixtures.parse(name);
        AnswerOptions options = SdpFixtures.answerOptions();
        NegotiatedSession result = SdpAnswerer.answer(offer, options);
        AnswerChecks.assertValidAnswer(offer, result, options);
        MediaDescription first = offer.media().getFirst();
        assertThat(result.remoteIce().ufrag()).isEqualTo(first.attribute("ice-ufrag")
                .orElseGet(() -> offer.attribute("ice-ufrag").orElseThrow()));
        assertThat(result.remoteSetup()).isEqualTo("actpass");
        assertThat(result.media()).filteredOn(m -> m.kind() != MediaKind.APPLICATION)
                .allSatisfy(m -> assertThat(m.rejected()).isFalse());
    }

    @ParameterizedTest(name = "{0} mayReceive={1} maySend={2} data={3}")
    @MethodSource("offersAndPolicies")
    void answersEveryFixtureUnderEveryPolicyOrSaysWhyNot(String name, boolean mayReceive, boolean maySend,
                                                         boolean data) {
        SessionDescription offer = SdpFixtures.parse(name);
        AnswerOptions options = SdpFixtures.answerOptions(mayReceive, maySend, data, 7);
        boolean somethingToDo = offer.media().stream().anyMatch(m -> switch (m.kind()) {
            case AUDIO, VIDEO -> m.direction().reverse().narrow(maySend, mayReceive) != Direction.INACTIVE;
            case APPLICATION -> data;
            case OTHER -> false;
        });
        if (somethingToDo) {
            AnswerChecks.assertValidAnswer(offer, SdpAnswerer.answer(offer, options), options);
        } else {
            assertThatThrownBy(() -> SdpAnswerer.answer(offer, options))
                    .isInstanceOf(SdpNegotiationException.class);
        }
    }

    @Test
    void chromeSendrecvGetsOpusAndVp8WithFilteredFeedbackAndExtensions() {
        SessionDescription offer = SdpFixtures.parse("synthetic/chrome-sendrecv.sdp");
        NegotiatedSession result = SdpAnswerer.answer(offer, SdpFixtures.answerOptions());

        NegotiatedMedia audio = result.media().get(0);
        assertThat(audio.codecs()).containsExactly(
                new RtpCodec(111, "opus", 48000, 2, "minptime=10;useinbandfec=1", List.of()));
        assertThat(audio.extensions()).containsExactly(new HeaderExtension(1, AUDIO_LEVEL),
                new HeaderExtension(2, ABS_SEND_TIME));
        assertThat(audio.localDirection()).isEqualTo(Direction.SENDRECV);
        assertThat(audio.remoteSsrcs()).containsExactlyElementsOf(offer.media().get(0).ssrcs());
        assertThat(audio.remoteMsid()).isEqualTo(offer.media().get(0).attribute("msid").orElseThrow());

        NegotiatedMedia video = result.media().get(1);
        assertThat(video.codecs()).containsExactly(
                new RtpCodec(96, "VP8", 90000, 1, "", List.of("goog-remb", "ccm fir", "nack", "nack pli")));
        assertThat(video.extensions()).containsExactly(
                new HeaderExtension(14, "urn:ietf:params:rtp-hdrext:toffset"),
                new HeaderExtension(2, ABS_SEND_TIME),
                new HeaderExtension(13, "urn:3gpp:video-orientation"));
        // The FID group's second member is the RTX SSRC, which we never negotiate.
        assertThat(video.remoteSsrcs()).containsExactly(offer.media().get(1).ssrcs().getFirst());
        assertThat(audio.localSsrc()).isNotEqualTo(video.localSsrc());

        String sdp = result.sdp();
        assertThat(sdp).startsWith("v=0\r\no=- ").contains("\r\ns=Switchboard\r\nt=0 0\r\n")
                .contains("a=group:BUNDLE 0 1\r\n", "a=ice-lite\r\n", "a=msid-semantic: WMS *\r\n")
                .contains("m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\n")
                .contains("m=video 9 UDP/TLS/RTP/SAVPF 96\r\n")
                .doesNotContain("transport-cc", "rtx", "sdes:mid", "ice-options", "extmap-allow-mixed");
        assertThat(result.remoteFingerprint())
                .isEqualTo(Fingerprint.parse(offer.media().getFirst().attribute("fingerprint").orElseThrow()));
    }

    @Test
    void publisherOfferIsOnlyReceived() {
        SessionDescription offer = SdpFixtures.parse("synthetic/chrome-sendonly.sdp");
        AnswerOptions options = SdpFixtures.answerOptions(true, false, false, 3);
        NegotiatedSession result = SdpAnswerer.answer(offer, options);
        AnswerChecks.assertValidAnswer(offer, result, options);
        assertThat(result.media()).allSatisfy(m -> {
            assertThat(m.localDirection()).isEqualTo(Direction.RECVONLY);
            assertThat(m.localSsrc()).isZero();
            assertThat(m.remoteSsrcs()).isNotEmpty();
        });
        assertThat(result.sdp()).doesNotContain("a=ssrc:", "a=msid:");
    }

    @Test
    void viewerOfferIsOnlySentTo() {
        SessionDescription offer = SdpFixtures.parse("synthetic/chrome-recvonly.sdp");
        AnswerOptions options = SdpFixtures.answerOptions(false, true, false, 3);
        NegotiatedSession result = SdpAnswerer.answer(offer, options);
        AnswerChecks.assertValidAnswer(offer, result, options);
        assertThat(result.media()).allSatisfy(m -> {
            assertThat(m.localDirection()).isEqualTo(Direction.SENDONLY);
            assertThat(m.localSsrc()).isPositive();
            assertThat(m.remoteSsrcs()).isEmpty();
            assertThat(m.remoteMsid()).isEmpty();
        });
        SessionDescription answer = SessionDescription.parse(result.sdp());
        List<String> msids = answer.media().stream().map(m -> m.attribute("msid").orElseThrow()).toList();
        assertThat(msids).doesNotHaveDuplicates().allMatch(m -> m.startsWith("switchboard-stream "));
    }

    @Test
    void viewerOfferToAnEndpointThatMayNotSendIsRefused() {
        SessionDescription offer = SdpFixtures.parse("synthetic/chrome-recvonly.sdp");
        assertThatThrownBy(() -> SdpAnswerer.answer(offer, SdpFixtures.answerOptions(true, false, false, 3)))
                .isInstanceOf(SdpNegotiationException.class).hasMessageContaining("no m-section");
    }

    @Test
    void sendrecvOfferNarrowedByPolicy() {
        SessionDescription offer = SdpFixtures.parse("synthetic/chrome-sendrecv.sdp");
        assertThat(SdpAnswerer.answer(offer, SdpFixtures.answerOptions(true, false, false, 1)).media())
                .extracting(NegotiatedMedia::localDirection).containsOnly(Direction.RECVONLY);
        assertThat(SdpAnswerer.answer(offer, SdpFixtures.answerOptions(false, true, false, 1)).media())
                .extracting(NegotiatedMedia::localDirection).containsOnly(Direction.SENDONLY);
    }

    @Test
    void dataChannelsAreAnsweredOnlyWhenEnabled() {
        SessionDescription offer = SdpFixtures.parse("synthetic/chrome-datachannel.sdp");
        NegotiatedSession with = SdpAnswerer.answer(offer, SdpFixtures.answerOptions(true, true, true, 1));
        assertThat(with.media().get(2).rejected()).isFalse();
        assertThat(with.sdp()).contains("m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n",
                "a=sctp-port:5000\r\n", "a=max-message-size:262144\r\n", "a=group:BUNDLE 0 1 2\r\n");

        NegotiatedSession without = SdpAnswerer.answer(offer, SdpFixtures.answerOptions(true, true, false, 1));
        assertThat(without.media().get(2).rejected()).isTrue();
        assertThat(without.sdp()).contains("m=application 0 UDP/DTLS/SCTP webrtc-datachannel\r\n"
                + "c=IN IP4 0.0.0.0\r\na=mid:2\r\n").contains("a=group:BUNDLE 0 1\r\n");
    }

    @Test
    void firefoxOfferUsesSessionLevelFingerprintAndItsOwnNumbering() {
        SessionDescription offer = SdpFixtures.parse("synthetic/firefox-sendrecv.sdp");
        NegotiatedSession result = SdpAnswerer.answer(offer, SdpFixtures.answerOptions());
        assertThat(result.remoteFingerprint())
                .isEqualTo(Fingerprint.parse(offer.attribute("fingerprint").orElseThrow()));
        assertThat(result.media().get(0).codecs().getFirst().payloadType()).isEqualTo(109);
        assertThat(result.media().get(0).codecs().getFirst().fmtp())
                .isEqualTo("maxplaybackrate=48000;stereo=1;useinbandfec=1");
        assertThat(result.media().get(0).extensions()).containsExactly(new HeaderExtension(1, AUDIO_LEVEL));
        assertThat(result.media().get(1).codecs().getFirst().payloadType()).isEqualTo(120);
        // The recvonly-only playout-delay and csrc-audio-level extmaps are never echoed.
        assertThat(result.media().get(1).extensions()).containsExactly(
                new HeaderExtension(4, ABS_SEND_TIME), new HeaderExtension(5, "urn:ietf:params:rtp-hdrext:toffset"));
        assertThat(result.media().get(1).remoteSsrcs()).hasSize(1);
    }

    @Test
    void h264PrefersConstrainedBaselineWithPacketizationMode1() {
        String video = """
                m=video 9 UDP/TLS/RTP/SAVPF 103 107 109 115 98
                a=mid:0
                a=rtcp-mux
                a=rtpmap:103 H264/90000
                a=fmtp:103 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f
                a=rtpmap:107 H264/90000
                a=fmtp:107 level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42e01f
                a=rtpmap:109 H264/90000
                a=fmtp:109 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f
                a=rtcp-fb:109 nack pli
                a=rtcp-fb:109 transport-cc
                a=rtpmap:115 H264/90000
                a=fmtp:115 packetization-mode=1;profile-level-id=4d001f
                a=rtpmap:98 VP9/90000
                """;
        RtpCodec chosen = answerSingle(video).codecs().getFirst();
        assertThat(chosen.payloadType()).isEqualTo(109);
        assertThat(chosen.feedback()).containsExactly("nack pli");
        assertThat(chosen.fmtp()).contains("profile-level-id=42e01f");
    }

    @Test
    void h264FallsBackToAnyPacketizationMode1ThenVp9Profile0() {
        String h264 = """
                m=video 9 UDP/TLS/RTP/SAVPF 107 103
                a=mid:0
                a=rtcp-mux
                a=rtpmap:107 H264/90000
                a=fmtp:107 packetization-mode=0;profile-level-id=42e01f
                a=rtpmap:103 H264/90000
                a=fmtp:103 packetization-mode=1;profile-level-id=42001f
                """;
        assertThat(answerSingle(h264).codecs().getFirst().payloadType()).isEqualTo(103);
        String vp9 = """
                m=video 9 UDP/TLS/RTP/SAVPF 100 98 107
                a=mid:0
                a=rtcp-mux
                a=rtpmap:100 VP9/90000
                a=fmtp:100 profile-id=2
                a=rtpmap:98 VP9/90000
                a=fmtp:98 profile-id=0
                a=rtpmap:107 H264/90000
                a=fmtp:107 packetization-mode=0;profile-level-id=42e01f
                """;
        assertThat(answerSingle(vp9).codecs().getFirst().payloadType()).isEqualTo(98);
    }

    @Test
    void sectionsWithoutUsableCodecOrRtcpMuxOrSecurityAreRejected() {
        String noCodec = """
                m=video 9 UDP/TLS/RTP/SAVPF 45 49
                a=mid:0
                a=rtcp-mux
                a=rtpmap:45 AV1/90000
                a=rtpmap:49 H265/90000
                """;
        String noMux = """
                m=audio 9 UDP/TLS/RTP/SAVPF 111
                a=mid:0
                a=rtpmap:111 opus/48000/2
                """;
        String plainRtp = """
                m=audio 9 RTP/AVP 111
                a=mid:0
                a=rtcp-mux
                a=rtpmap:111 opus/48000/2
                """;
        String monoOpus = """
                m=audio 9 UDP/TLS/RTP/SAVPF 111
                a=mid:0
                a=rtcp-mux
                a=rtpmap:111 opus/48000
                """;
        String otherKind = """
                m=text 9 UDP/TLS/RTP/SAVPF 98
                a=mid:0
                a=rtcp-mux
                a=rtpmap:98 t140/1000
                """;
        for (String section : List.of(noCodec, noMux, plainRtp, monoOpus, otherKind)) {
            SessionDescription offer = offerWith(section + ACCEPTABLE_AUDIO.replace("a=mid:0", "a=mid:1"));
            NegotiatedSession result = SdpAnswerer.answer(offer, SdpFixtures.answerOptions());
            AnswerChecks.assertValidAnswer(offer, result, SdpFixtures.answerOptions());
            assertThat(result.media().get(0).rejected()).as(section).isTrue();
            assertThat(result.media().get(1).rejected()).isFalse();
            assertThat(result.sdp()).contains("a=group:BUNDLE 1\r\n");
        }
    }

    @Test
    void stoppedSectionsAreRejectedButBundleOnlyOnesAreAccepted() {
        String stopped = ACCEPTABLE_AUDIO.replace("m=audio 9 ", "m=audio 0 ");
        String bundleOnly = stopped.replace("a=mid:0", "a=mid:1\na=bundle-only");
        SessionDescription offer = offerWith(stopped + bundleOnly);
        NegotiatedSession result = SdpAnswerer.answer(offer, SdpFixtures.answerOptions());
        assertThat(result.media()).extracting(NegotiatedMedia::rejected).containsExactly(true, false);
    }

    @Test
    void bandwidthLimitsAddBandwidthLines() {
        SessionDescription offer = SdpFixtures.parse("synthetic/chrome-sendrecv.sdp");
        AnswerOptions base = SdpFixtures.answerOptions();
        AnswerOptions capped = new AnswerOptions(base.ice(), base.fingerprint(), base.candidates(), true, true, true,
                64, 1500, base.cname(), base.streamId(), new SplittableRandom(1));
        NegotiatedSession result = SdpAnswerer.answer(offer, capped);
        AnswerChecks.assertValidAnswer(offer, result, capped);
        SessionDescription answer = SessionDescription.parse(result.sdp());
        assertThat(answer.media().get(0).lines()).contains("b=AS:64").doesNotContain("b=AS:1500");
        assertThat(answer.media().get(1).lines()).contains("b=AS:1500").doesNotContain("b=AS:64");
    }

    @Test
    void noCandidatesMeansNoEndOfCandidates() {
        SessionDescription offer = SdpFixtures.parse("synthetic/chrome-sendrecv.sdp");
        AnswerOptions base = SdpFixtures.answerOptions();
        AnswerOptions trickle = new AnswerOptions(base.ice(), base.fingerprint(), List.of(), true, true, true,
                0, 0, base.cname(), base.streamId(), new SplittableRandom(1));
        NegotiatedSession result = SdpAnswerer.answer(offer, trickle);
        AnswerChecks.assertValidAnswer(offer, result, trickle);
        assertThat(result.sdp()).doesNotContain("a=candidate", "a=end-of-candidates");
    }

    @Test
    void candidatesGoIntoEveryAcceptedSection() {
        SessionDescription offer = SdpFixtures.parse("synthetic/chrome-sendrecv.sdp");
        NegotiatedSession result = SdpAnswerer.answer(offer, SdpFixtures.answerOptions());
        String candidate = "a=" + SdpFixtures.candidates().getFirst().toSdpValue() + "\r\n";
        assertThat(result.sdp().split(candidate, -1)).hasSize(3);
        assertThat(result.sdp().split("a=end-of-candidates\r\n", -1)).hasSize(3);
    }

    @Test
    void sameSeedGivesSameAnswer() {
        SessionDescription offer = SdpFixtures.parse("synthetic/chrome-sendrecv.sdp");
        assertThat(SdpAnswerer.answer(offer, SdpFixtures.answerOptions(true, true, true, 99)).sdp())
                .isEqualTo(SdpAnswerer.answer(offer, SdpFixtures.answerOptions(true, true, true, 99)).sdp())
                .isNotEqualTo(SdpAnswerer.answer(offer, SdpFixtures.answerOptions(true, true, true, 98)).sdp());
    }

    @Test
    void offerAskingUsToBeDtlsClientIsRefused() {
        String text = SdpFixtures.read("synthetic/chrome-sendrecv.sdp").replace("a=setup:actpass", "a=setup:passive");
        assertThatThrownBy(() -> SdpAnswerer.answer(SessionDescription.parse(text), SdpFixtures.answerOptions()))
                .isInstanceOf(SdpNegotiationException.class).hasMessageContaining("passive");
    }

    @Test
    void activeOrMissingSetupIsAcceptedAsActive() {
        String active = SdpFixtures.read("synthetic/chrome-sendrecv.sdp").replace("a=setup:actpass", "a=setup:active");
        assertThat(SdpAnswerer.answer(SessionDescription.parse(active), SdpFixtures.answerOptions()).remoteSetup())
                .isEqualTo("active");
        String missing = SdpFixtures.read("synthetic/chrome-sendrecv.sdp").replace("a=setup:actpass\r\n", "");
        assertThat(SdpAnswerer.answer(SessionDescription.parse(missing), SdpFixtures.answerOptions()).remoteSetup())
                .isEqualTo("active");
    }

    @Test
    void offersWithoutIceOrFingerprintAreRefused() {
        String chrome = SdpFixtures.read("synthetic/chrome-sendrecv.sdp");
        for (String drop : List.of("a=ice-ufrag:", "a=ice-pwd:", "a=fingerprint:")) {
            String text = chrome.lines().filter(l -> !l.startsWith(drop)).map(l -> l + "\r\n")
                    .reduce("", String::concat);
            assertThatThrownBy(() -> SdpAnswerer.answer(SessionDescription.parse(text), SdpFixtures.answerOptions()))
                    .as(drop).isInstanceOf(SdpNegotiationException.class).hasMessageContaining(drop.substring(2, drop.length() - 1));
        }
        String md5 = chrome.replaceAll("a=fingerprint:sha-256 ([0-9A-F:]+)", "a=fingerprint:md5 00:11");
        assertThatThrownBy(() -> SdpAnswerer.answer(SessionDescription.parse(md5), SdpFixtures.answerOptions()))
                .isInstanceOf(SdpNegotiationException.class).hasMessageContaining("fingerprint");
        String shortPwd = chrome.replaceAll("a=ice-pwd:\\S+", "a=ice-pwd:tooShort");
        assertThatThrownBy(() -> SdpAnswerer.answer(SessionDescription.parse(shortPwd), SdpFixtures.answerOptions()))
                .isInstanceOf(SdpNegotiationException.class);
    }

    @Test
    void mediaLevelIceCredentialsOverrideSessionLevel() {
        String text = SESSION.replace("t=0 0\n", "t=0 0\na=ice-ufrag:sessUfrag\na=ice-pwd:sessionPasswordSession24\n")
                + ACCEPTABLE_AUDIO.replace("a=ice-ufrag:abcd\n", "a=ice-ufrag:mediaUfrag\n")
                        .replace("a=ice-pwd:abcdefghijklmnopqrstuvwx\n", "");
        NegotiatedSession result = SdpAnswerer.answer(SessionDescription.parse(text), SdpFixtures.answerOptions());
        assertThat(result.remoteIce()).isEqualTo(new IceCredentials("mediaUfrag", "sessionPasswordSession24"));
    }

    @Test
    void missingOrDuplicateMidsAreRefused() {
        SessionDescription noMid = offerWith(ACCEPTABLE_AUDIO.replace("a=mid:0\n", ""));
        assertThatThrownBy(() -> SdpAnswerer.answer(noMid, SdpFixtures.answerOptions()))
                .isInstanceOf(SdpNegotiationException.class).hasMessageContaining("a=mid");
        SessionDescription twice = offerWith(ACCEPTABLE_AUDIO + ACCEPTABLE_AUDIO);
        assertThatThrownBy(() -> SdpAnswerer.answer(twice, SdpFixtures.answerOptions()))
                .isInstanceOf(SdpNegotiationException.class).hasMessageContaining("twice");
    }

    @Test
    void offerWithoutBundleGetsAnswerWithoutBundle() {
        SessionDescription offer = SessionDescription.parse(SESSION.replace("a=group:BUNDLE 0 1\n", "") + ACCEPTABLE_AUDIO);
        NegotiatedSession result = SdpAnswerer.answer(offer, SdpFixtures.answerOptions());
        AnswerChecks.assertValidAnswer(offer, result, SdpFixtures.answerOptions());
        assertThat(result.sdp()).doesNotContain("a=group");
    }

    @Test
    void localSsrcsAvoidRemoteOnes() {
        SessionDescription offer = SdpFixtures.parse("synthetic/chrome-sendrecv.sdp");
        for (long seed = 0; seed < 50; seed++) {
            NegotiatedSession result = SdpAnswerer.answer(offer, SdpFixtures.answerOptions(true, true, true, seed));
            List<Long> remote = offer.media().stream().flatMap(m -> m.ssrcs().stream()).toList();
            assertThat(result.media()).extracting(NegotiatedMedia::localSsrc).doesNotContainAnyElementsOf(remote)
                    .doesNotContain(0L);
        }
    }

    private static final String SESSION = """
            v=0
            o=- 1 2 IN IP4 127.0.0.1
            s=-
            t=0 0
            a=group:BUNDLE 0 1
            a=fingerprint:sha-256 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF
            """;

    private static final String ACCEPTABLE_AUDIO = """
            m=audio 9 UDP/TLS/RTP/SAVPF 111
            c=IN IP4 0.0.0.0
            a=ice-ufrag:abcd
            a=ice-pwd:abcdefghijklmnopqrstuvwx
            a=setup:actpass
            a=mid:0
            a=sendrecv
            a=rtcp-mux
            a=rtpmap:111 opus/48000/2
            """;

    private static SessionDescription offerWith(String sections) {
        return SessionDescription.parse(SESSION.replace("t=0 0\n",
                "t=0 0\na=ice-ufrag:abcd\na=ice-pwd:abcdefghijklmnopqrstuvwx\n") + sections);
    }

    private static NegotiatedMedia answerSingle(String section) {
        SessionDescription offer = offerWith(section);
        NegotiatedSession result = SdpAnswerer.answer(offer, SdpFixtures.answerOptions());
        AnswerChecks.assertValidAnswer(offer, result, SdpFixtures.answerOptions());
        return result.media().getFirst();
    }
}
