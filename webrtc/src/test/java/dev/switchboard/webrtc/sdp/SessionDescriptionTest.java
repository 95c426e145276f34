package dev.switchboard.webrtc.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Tests the RFC 8866 parser and formatter of {@link SessionDescription}; single-threaded. */
class SessionDescriptionTest {

    private static final String MINIMAL = """
            v=0
            o=- 1 2 IN IP4 127.0.0.1
            s=-
            t=0 0
            a=group:BUNDLE 0
            m=audio 9 UDP/TLS/RTP/SAVPF 111
            c=IN IP4 0.0.0.0
            a=mid:0
            a=rtpmap:111 opus/48000/2
            """;

    static List<String> offerNames() {
        return SdpFixtures.offerNames();
    }

    @ParameterizedTest
    @MethodSource("offerNames")
    void formatRoundTripsEveryFixture(String name) {
        String text = SdpFixtures.read(name);
        SessionDescription sdp = SessionDescription.parse(text);
        String crlf = text.replace("\r\n", "\n").replace("\n", "\r\n");
        assertThat(sdp.format()).isEqualTo(crlf);
        assertThat(SessionDescription.parse(sdp.format()).format()).isEqualTo(sdp.format());
    }

    @Test
    void lfLineEndsAndAMissingFinalNewlineAreAccepted() {
        SessionDescription sdp = SessionDescription.parse(MINIMAL.strip());
        assertThat(sdp.format()).isEqualTo(MINIMAL.replace("\n", "\r\n"));
    }

    @Test
    void exposesChromeOfferStructure() {
        SessionDescription sdp = SdpFixtures.parse("synthetic/chrome-sendrecv.sdp");
        assertThat(sdp.bundleGroup()).containsExactly("0", "1");
        assertThat(sdp.attributes("msid-semantic")).hasSize(1);
        assertThat(sdp.hasAttribute("extmap-allow-mixed")).isTrue();
        assertThat(sdp.attributes("extmap-allow-mixed")).containsExactly("");
        assertThat(sdp.origin()).startsWith("- ").endsWith(" 2 IN IP4 127.0.0.1");

        MediaDescription audio = sdp.media().get(0);
        assertThat(audio.kind()).isEqualTo(MediaKind.AUDIO);
        assertThat(audio.port()).isEqualTo(9);
        assertThat(audio.proto()).isEqualTo("UDP/TLS/RTP/SAVPF");
        assertThat(audio.formats()).containsExactly("111", "63", "9", "0", "8", "13", "110", "126");
        assertThat(audio.mid()).isEqualTo("0");
        assertThat(audio.direction()).isEqualTo(Direction.SENDRECV);
        assertThat(audio.codecs().getFirst()).isEqualTo(new RtpCodec(111, "opus", 48000, 2,
                "minptime=10;useinbandfec=1", List.of("transport-cc")));
        assertThat(audio.extensions()).contains(new HeaderExtension(1, "urn:ietf:params:rtp-hdrext:ssrc-audio-level"));
        assertThat(audio.ssrcs()).hasSize(1);

        MediaDescription video = sdp.media().get(1);
        assertThat(video.kind()).isEqualTo(MediaKind.VIDEO);
        assertThat(video.codecs().getFirst().name()).isEqualTo("VP8");
        assertThat(video.codecs().getFirst().feedback())
                .containsExactly("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli");
        assertThat(video.ssrcs()).hasSize(2);
        assertThat(video.attributes("ssrc-group")).hasSize(1);
        assertThat(video.lines().getFirst()).startsWith("m=video 9 ");
    }

    @Test
    void sessionLevelDirectionIsTheDefault() {
        String text = MINIMAL.replace("t=0 0\n", "t=0 0\na=recvonly\n");
        assertThat(SessionDescription.parse(text).media().getFirst().direction()).isEqualTo(Direction.RECVONLY);
        String overridden = text.replace("a=mid:0\n", "a=mid:0\na=sendonly\n");
        assertThat(SessionDescription.parse(overridden).media().getFirst().direction()).isEqualTo(Direction.SENDONLY);
    }

    @Test
    void wildcardFeedbackAppliesToEveryCodec() {
        String text = MINIMAL.replace("a=rtpmap:111 opus/48000/2\n", "a=rtpmap:111 opus/48000/2\na=rtcp-fb:* nack\n");
        assertThat(SessionDescription.parse(text).media().getFirst().codecs().getFirst().feedback())
                .containsExactly("nack");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            first line not v=0           | v=0|v=1                                        | 1
            garbage line                 | c=IN IP4 0.0.0.0|hello world                   | 7
            empty line                   | c=IN IP4 0.0.0.0|''                            | 7
            bad origin                   | o=- 1 2 IN IP4 127.0.0.1|o=- x 2 IN IP4 h      | 2
            origin with 5 fields         | o=- 1 2 IN IP4 127.0.0.1|o=- 1 2 IN IP4        | 2
            second origin                | s=-|s=-\\no=- 1 2 IN IP4 h                     | 4
            bad timing                   | t=0 0|t=0                                      | 4
            port too large               | m=audio 9 |m=audio 70000                       | 6
            non-numeric payload type     | SAVPF 111|SAVPF opus                           | 6
            payload type above 127       | SAVPF 111|SAVPF 128                            | 6
            m= without formats           | m=audio 9 UDP/TLS/RTP/SAVPF 111|m=audio 9 RTP  | 6
            double space in m=           | m=audio 9 UDP|m=audio  9 UDP                   | 6
            bad connection               | c=IN IP4 0.0.0.0|c=IN IP4                      | 7
            bad bandwidth                | c=IN IP4 0.0.0.0|c=IN IP4 0.0.0.0\\nb=AS:lots   | 8
            malformed rtpmap             | opus/48000/2|opus                              | 9
            rtpmap clock zero            | opus/48000/2|opus/0                            | 9
            malformed mid                | a=mid:0|a=mid:a b                              | 8
            malformed extmap             | a=mid:0|a=mid:0\\na=extmap:x urn:foo           | 9
            malformed ssrc               | a=mid:0|a=mid:0\\na=ssrc:99999999999 cname:x   | 9
            malformed ssrc-group         | a=mid:0|a=mid:0\\na=ssrc-group:FID a b         | 9
            malformed rtcp-fb            | a=mid:0|a=mid:0\\na=rtcp-fb:111                | 9
            malformed fmtp               | a=mid:0|a=mid:0\\na=fmtp:x minptime=10         | 9
            attribute name not a token   | a=mid:0|a=mid:0\\na=:x                         | 9
            session type in media        | a=mid:0|a=mid:0\\ns=again                      | 9
            v= in media                  | a=mid:0|a=mid:0\\nv=0                          | 9
            two directions               | a=mid:0|a=mid:0\\na=sendonly\\na=recvonly      | 10
            lower-case type only         | a=mid:0|a=mid:0\\n1=x                          | 9
            control character            | a=mid:0|a=mid:0\\na=x:<CTRL>                   | 9
            bare CR                      | a=mid:0|a=mid:0<CR>a=x                         | 8
            """)
    void rejectsMalformedLinesNamingTheLine(String what, String from, String to, int line) {
        String text = MINIMAL.replace(from, to.replace("\\n", "\n").replace("<CR>", "\r").replace("<CTRL>", "\u0001"));
        assertThat(text).as("test setup for " + what).isNotEqualTo(MINIMAL);
        SdpParseException e = catchThrowableOfType(SdpParseException.class, () -> SessionDescription.parse(text));
        assertThat(e).as(what).isNotNull();
        assertThat(e.line()).as(what + ": " + e.getMessage()).isEqualTo(line);
        assertThat(e.getMessage()).contains("line " + line);
    }

    @Test
    void rejectsMissingMandatoryLines() {
        assertThatThrownBy(() -> SessionDescription.parse(MINIMAL.replace("o=- 1 2 IN IP4 127.0.0.1\n", "")))
                .isInstanceOf(SdpParseException.class).hasMessageContaining("o=");
        assertThatThrownBy(() -> SessionDescription.parse(MINIMAL.replace("s=-\n", "")))
                .isInstanceOf(SdpParseException.class).hasMessageContaining("s=");
        assertThatThrownBy(() -> SessionDescription.parse(MINIMAL.replace("t=0 0\n", "")))
                .isInstanceOf(SdpParseException.class).hasMessageContaining("t=");
    }

    @Test
    void rejectsEmptyAndNullInputWithLineZero() {
        assertThat(catchThrowableOfType(SdpParseException.class, () -> SessionDescription.parse("")).line()).isZero();
        assertThat(catchThrowableOfType(SdpParseException.class, () -> SessionDescription.parse(null)).line()).isZero();
    }

    @Test
    void defaultLimits() {
        assertThat(SdpLimits.defaults()).isEqualTo(new SdpLimits(131072, 4000, 8192, 64));
        assertThatThrownBy(() -> new SdpLimits(0, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void enforcesByteLimitCountingUtf8() {
        int size = MINIMAL.length();
        assertThat(SessionDescription.parse(MINIMAL, new SdpLimits(size, 100, 100, 4)).media()).hasSize(1);
        SdpParseException tooBig = catchThrowableOfType(SdpParseException.class,
                () -> SessionDescription.parse(MINIMAL, new SdpLimits(size - 1, 100, 100, 4)));
        assertThat(tooBig.line()).isZero();
        // Two characters, but six UTF-8 bytes.
        String wide = MINIMAL.replace("s=-", "s=\u20ac\u20ac");
        assertThatThrownBy(() -> SessionDescription.parse(wide, new SdpLimits(wide.length() + 2, 100, 100, 4)))
                .isInstanceOf(SdpParseException.class).hasMessageContaining("bytes");
    }

    @Test
    void enforcesLineCountLineLengthAndSectionCount() {
        SdpParseException lines = catchThrowableOfType(SdpParseException.class,
                () -> SessionDescription.parse(MINIMAL, new SdpLimits(10_000, 8, 100, 4)));
        assertThat(lines.line()).isEqualTo(9);

        String longLine = MINIMAL.replace("s=-", "s=" + "x".repeat(200));
        SdpParseException length = catchThrowableOfType(SdpParseException.class,
                () -> SessionDescription.parse(longLine, new SdpLimits(10_000, 100, 100, 4)));
        assertThat(length.line()).isEqualTo(3);

        String section = MINIMAL.substring(MINIMAL.indexOf("m=audio"));
        String many = MINIMAL + section + section;
        SdpParseException sections = catchThrowableOfType(SdpParseException.class,
                () -> SessionDescription.parse(many, new SdpLimits(10_000, 100, 100, 2)));
        assertThat(sections.line()).isEqualTo(14);
        assertThat(SessionDescription.parse(many, new SdpLimits(10_000, 100, 100, 3)).media()).hasSize(3);
    }

    @Test
    void defaultLimitsRejectHugeInput() {
        String huge = MINIMAL + "a=x:" + "y".repeat(9000) + "\n";
        assertThatThrownBy(() -> SessionDescription.parse(huge)).isInstanceOf(SdpParseException.class)
                .hasMessageContaining("line 10");
        String enormous = "v=0\n" + "a=x\n".repeat(40_000);
        assertThatThrownBy(() -> SessionDescription.parse(enormous)).isInstanceOf(SdpParseException.class);
    }

    @Test
    void nonRtpSectionsKeepTokenFormats() {
        String text = MINIMAL + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\nc=IN IP4 0.0.0.0\na=mid:1\n";
        MediaDescription app = SessionDescription.parse(text).media().get(1);
        assertThat(app.kind()).isEqualTo(MediaKind.APPLICATION);
        assertThat(app.isRtp()).isFalse();
        assertThat(app.formats()).containsExactly("webrtc-datachannel");
        assertThat(app.codecs()).isEmpty();
    }
}
