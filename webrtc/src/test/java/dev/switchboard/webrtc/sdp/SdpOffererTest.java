package dev.switchboard.webrtc.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests {@link SdpOfferer}: our offers (RFC 9429 §5.2) and acceptance of answers to them (§5.10); single-threaded. */
class SdpOffererTest {

    @Test
    void offerHasTheAgreedShape() {
        LocalOffer offer = SdpOfferer.createOffer(SdpFixtures.offerOptions(true, true, true, true, 5));
        SessionDescription sdp = offer.sdp();
        assertThat(sdp.bundleGroup()).containsExactly("0", "1");
        assertThat(sdp.hasAttribute("ice-lite")).isTrue();
        assertThat(sdp.media()).extracting(MediaDescription::mid).containsExactly("0", "1");
        assertThat(sdp.media()).allSatisfy(m -> {
            assertThat(m.proto()).isEqualTo("UDP/TLS/RTP/SAVPF");
            assertThat(m.attributes("setup")).containsExactly("actpass");
            assertThat(m.hasAttribute("rtcp-mux")).isTrue();
            assertThat(m.direction()).isEqualTo(Direction.SENDRECV);
            assertThat(m.attributes("ssrc")).hasSize(2);
            assertThat(m.attributes("candidate")).hasSize(2);
        });
        MediaDescription audio = sdp.media().get(0);
        assertThat(audio.codecs()).containsExactly(new RtpCodec(111, "opus", 48000, 2, "minptime=10;useinbandfec=1",
                List.of()));
        assertThat(audio.extensions()).extracting(HeaderExtension::uri).containsExactly(
                "urn:ietf:params:rtp-hdrext:ssrc-audio-level",
                "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time");
        MediaDescription video = sdp.media().get(1);
        List<String> feedback = List.of("nack", "nack pli", "ccm fir", "goog-remb");
        assertThat(video.codecs()).containsExactly(
                new RtpCodec(96, "VP8", 90000, 1, "", feedback),
                new RtpCodec(102, "H264", 90000, 1,
                        "packetization-mode=1;profile-level-id=42e01f;level-asymmetry-allowed=1", feedback));
        assertThat(video.extensions()).extracting(HeaderExtension::uri).containsExactly(
                "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time", "urn:ietf:params:rtp-hdrext:toffset");
    }

    @ParameterizedTest
    @CsvSource({"true,false,0,RECVONLY", "false,true,0,SENDONLY", "true,true,0,SENDRECV"})
    void directionFollowsPolicy(boolean mayReceive, boolean maySend, int unused, Direction expected) {
        LocalOffer offer = SdpOfferer.createOffer(SdpFixtures.offerOptions(true, true, mayReceive, maySend, 1));
        assertThat(offer.sdp().media()).extracting(MediaDescription::direction).containsOnly(expected);
        assertThat(offer.sdp().media()).allSatisfy(m ->
                assertThat(m.attributes("ssrc")).hasSize(maySend ? 2 : 0));
    }

    @Test
    void singleMediaOffersStartAtMidZero() {
        assertThat(SdpOfferer.createOffer(SdpFixtures.offerOptions(false, true, true, true, 1)).sdp().media())
                .extracting(MediaDescription::kind, MediaDescription::mid).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(MediaKind.VIDEO, "0"));
    }

    @Test
    void emptyOffersAreProgrammingErrors() {
        assertThatThrownBy(() -> SdpOfferer.createOffer(SdpFixtures.offerOptions(false, false, true, true, 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SdpOfferer.createOffer(SdpFixtures.offerOptions(true, true, false, false, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "we receive={0} send={1}, remote receives={2} sends={3}")
    @CsvSource({
        "true,true,true,true", "true,true,true,false", "true,true,false,true",
        "true,false,false,true", "false,true,true,false", "true,false,true,true", "false,true,true,true"})
    void roundTripThroughOurOwnAnswerer(boolean weReceive, boolean weSend, boolean remoteReceives, boolean remoteSends) {
        LocalOffer offer = SdpOfferer.createOffer(SdpFixtures.offerOptions(true, true, weReceive, weSend, 11));
        AnswerOptions remote = SdpFixtures.answerOptions(remoteReceives, remoteSends, false, 12);
        NegotiatedSession answered = SdpAnswerer.answer(offer.sdp(), remote);
        AnswerChecks.assertValidAnswer(offer.sdp(), answered, remote);

        NegotiatedSession accepted = SdpOfferer.acceptAnswer(offer, SessionDescription.parse(answered.sdp()));
        assertThat(accepted.sdp()).isEqualTo(offer.sdp().format());
        assertThat(accepted.remoteIce()).isEqualTo(remote.ice());
        assertThat(accepted.remoteFingerprint()).isEqualTo(remote.fingerprint());
        assertThat(accepted.remoteSetup()).isEqualTo("passive");
        assertThat(answered.remoteIce()).isEqualTo(offer.options().ice());
        for (int i = 0; i < 2; i++) {
            NegotiatedMedia ours = accepted.media().get(i);
            NegotiatedMedia theirs = answered.media().get(i);
            assertThat(ours.rejected()).isFalse();
            assertThat(ours.localDirection()).isEqualTo(theirs.localDirection().reverse());
            assertThat(ours.codecs()).extracting(RtpCodec::payloadType)
                    .containsExactlyElementsOf(theirs.codecs().stream().map(RtpCodec::payloadType).toList());
            assertThat(ours.extensions()).isEqualTo(theirs.extensions());
            assertThat(ours.remoteSsrcs()).containsExactlyElementsOf(
                    theirs.localSsrc() == 0 ? List.of() : List.of(theirs.localSsrc()));
            // The answerer sees every SSRC we announced, even where its answer stops us from sending.
            assertThat(theirs.remoteSsrcs()).containsExactlyElementsOf(offer.sdp().media().get(i).ssrcs());
            assertThat(ours.localSsrc() != 0).isEqualTo(ours.localDirection().sends());
        }
        assertThat(accepted.media().get(0).codecs().getFirst().payloadType()).isEqualTo(111);
        assertThat(accepted.media().get(1).codecs().getFirst().payloadType()).isEqualTo(96);
    }

    @Test
    void answerRejectingASectionIsAccepted() {
        LocalOffer offer = SdpOfferer.createOffer(SdpFixtures.offerOptions(true, true, true, true, 1));
        String answer = validAnswer(offer).replaceFirst("m=video 9 UDP/TLS/RTP/SAVPF 96\r\n",
                "m=video 0 UDP/TLS/RTP/SAVPF 96\r\n");
        NegotiatedSession accepted = SdpOfferer.acceptAnswer(offer, SessionDescription.parse(answer));
        assertThat(accepted.media()).extracting(NegotiatedMedia::rejected).containsExactly(false, true);
    }

    @Test
    void mismatchedAnswersAreRefused() {
        LocalOffer offer = SdpOfferer.createOffer(SdpFixtures.offerOptions(true, true, true, true, 1));
        String answer = validAnswer(offer);
        int videoStart = answer.indexOf("m=video");
        String header = answer.substring(0, answer.indexOf("m=audio"));
        String audio = answer.substring(answer.indexOf("m=audio"), videoStart);
        String video = answer.substring(videoStart);
        List<UnaryOperator<String>> breakers = List.of(
                a -> header + audio,
                a -> header + video + audio,
                a -> a.replace("a=mid:1", "a=mid:7"),
                a -> a.replace("a=mid:1\r\n", ""),
                a -> a.replace("m=video 9 UDP/TLS/RTP/SAVPF 96", "m=video 9 UDP/TLS/RTP/SAVPF 97")
                        .replace("a=rtpmap:96 VP8/90000", "a=rtpmap:97 VP8/90000"),
                a -> a.replace("a=rtpmap:96 VP8/90000", "a=rtpmap:96 VP9/90000"),
                a -> a.replace("a=extmap:3 urn:ietf:params:rtp-hdrext:toffset", "a=extmap:9 urn:ietf:params:rtp-hdrext:toffset"),
                a -> a.replace("m=video 9 UDP/TLS/RTP/SAVPF", "m=video 9 RTP/SAVPF"),
                a -> a.replaceAll("a=ice-ufrag:[^\r]*\r\n", ""),
                a -> a.replaceAll("a=ice-pwd:[^\r]*\r\n", ""),
                a -> a.replaceAll("a=fingerprint:[^\r]*\r\n", ""),
                a -> a.replaceAll("a=rtcp-mux\r\n", ""),
                a -> a.replace("a=setup:passive", "a=setup:actpass"),
                a -> a.replace("m=audio 9", "m=audio 0").replace("m=video 9", "m=video 0"),
                a -> a.replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0 1 5"));
        for (int i = 0; i < breakers.size(); i++) {
            String broken = breakers.get(i).apply(answer);
            assertThat(broken).as("breaker " + i).isNotEqualTo(answer);
            assertThatThrownBy(() -> SdpOfferer.acceptAnswer(offer, SessionDescription.parse(broken)))
                    .as("breaker " + i).isInstanceOf(SdpNegotiationException.class);
        }
    }

    @Test
    void answerUsingADirectionWeDidNotAllowIsRefused() {
        LocalOffer offer = SdpOfferer.createOffer(SdpFixtures.offerOptions(true, true, false, true, 1));
        // We offered sendonly; a sendonly answer would have us receive.
        String answer = validAnswer(offer).replace("a=recvonly", "a=sendonly");
        assertThatThrownBy(() -> SdpOfferer.acceptAnswer(offer, SessionDescription.parse(answer)))
                .isInstanceOf(SdpNegotiationException.class).hasMessageContaining("sendonly");
    }

    private static String validAnswer(LocalOffer offer) {
        return SdpAnswerer.answer(offer.sdp(), SdpFixtures.answerOptions(true, true, false, 3)).sdp();
    }
}
