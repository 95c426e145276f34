package dev.switchboard.webrtc.sdp;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One RTP payload format with its {@code a=rtpmap}, {@code a=fmtp} and {@code a=rtcp-fb} values
 * (RFC 8866 §6.6, §6.15, RFC 4585 §4.2); immutable and thread-safe.
 *
 * <p>{@code channels} is 1 when the rtpmap gives no encoding parameter, RFC 8866's default;
 * {@code fmtp} is empty when there is no fmtp line; {@code feedback} holds values like
 * {@code nack pli} without the payload type.
 */
public record RtpCodec(int payloadType, String name, int clockRate, int channels, String fmtp,
                       List<String> feedback) {

    public RtpCodec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fmtp, "fmtp");
        feedback = List.copyOf(feedback);
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type out of range 0..127: " + payloadType);
        }
        if (!SdpGrammar.isToken(name) || name.indexOf('/') >= 0) {
            throw new IllegalArgumentException("bad encoding name: " + name);
        }
        if (clockRate < 1 || channels < 1) {
            throw new IllegalArgumentException("clock rate and channels must be positive");
        }
        if (!SdpGrammar.isLineSafe(fmtp) || feedback.stream().anyMatch(f -> !SdpGrammar.isLineSafe(f))) {
            throw new IllegalArgumentException("fmtp and feedback may not contain control characters");
        }
    }

    /** Whether this is the named codec at the given clock rate (names compare case-insensitively). */
    public boolean is(String encodingName, int rate) {
        return name.equalsIgnoreCase(encodingName) && clockRate == rate;
    }

    /** The value after {@code a=rtpmap:}, e.g. {@code 111 opus/48000/2}. */
    public String rtpmapValue() {
        return payloadType + " " + name + "/" + clockRate + (channels != 1 ? "/" + channels : "");
    }

    /** The fmtp parameters as a map with lower-case keys, e.g. {@code packetization-mode -> 1}. */
    public Map<String, String> formatParameters() {
        return FormatParameters.parse(fmtp);
    }

    /** This codec with other feedback values. */
    public RtpCodec withFeedback(List<String> newFeedback) {
        return new RtpCodec(payloadType, name, clockRate, channels, fmtp, newFeedback);
    }
}
