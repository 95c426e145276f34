package dev.switchboard.webrtc.sdp;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Chooses the one codec per m-section an SFU without transcoding can forward, keeping the offer's
 * payload-type number (RFC 3264 §6.1) and only the feedback we act on (RFC 4585 §4.2, RFC 5104);
 * stateless and thread-safe.
 *
 * <p>RTX, RED and ULPFEC are never chosen: forwarding them would need per-subscriber SSRC and
 * payload mapping. transport-cc is dropped because it obliges us to send feedback for every packet.
 */
final class CodecSelector {

    private static final Set<String> ACCEPTED_FEEDBACK = Set.of("nack", "nack pli", "ccm fir", "goog-remb");

    private static final List<Predicate<RtpCodec>> VIDEO_PREFERENCE = List.of(
            c -> c.is("VP8", 90_000),
            c -> isH264Mode1(c) && "42e01f".equalsIgnoreCase(c.formatParameters().get("profile-level-id")),
            CodecSelector::isH264Mode1,
            // VP9 profile 0 only: the others are 10-bit or 4:4:4 and many browsers cannot decode them.
            c -> c.is("VP9", 90_000) && "0".equals(c.formatParameters().getOrDefault("profile-id", "0")));

    private static final List<Predicate<RtpCodec>> AUDIO_PREFERENCE = List.of(
            c -> c.is("opus", 48_000) && c.channels() == 2);

    private CodecSelector() {
    }

    /** The preferred offered codec for {@code kind} with filtered feedback, if any is acceptable. */
    static Optional<RtpCodec> select(MediaKind kind, List<RtpCodec> offered) {
        List<Predicate<RtpCodec>> preference = switch (kind) {
            case AUDIO -> AUDIO_PREFERENCE;
            case VIDEO -> VIDEO_PREFERENCE;
            default -> List.of();
        };
        for (Predicate<RtpCodec> wanted : preference) {
            for (RtpCodec codec : offered) {
                if (wanted.test(codec)) {
                    return Optional.of(codec.withFeedback(acceptedFeedback(codec.feedback())));
                }
            }
        }
        return Optional.empty();
    }

    /** The feedback values we are able to act on, in the given order. */
    static List<String> acceptedFeedback(List<String> feedback) {
        return feedback.stream().filter(ACCEPTED_FEEDBACK::contains).distinct().toList();
    }

    private static boolean isH264Mode1(RtpCodec c) {
        Map<String, String> params = c.formatParameters();
        return c.is("H264", 90_000) && "1".equals(params.get("packetization-mode"));
    }
}
