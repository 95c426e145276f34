package dev.switchboard.webrtc.sdp;

/**
 * The decision for one offered m-section: what we write and what we report (RFC 3264 §6,
 * RFC 9429 §5.3.1); immutable and thread-safe.
 */
sealed interface SectionAnswer {

    NegotiatedMedia result();

    /** Whether the section is accepted, i.e. part of the transport. */
    default boolean accepted() {
        return !result().rejected();
    }

    record Rejected(NegotiatedMedia result, MediaDescription offered) implements SectionAnswer {
    }

    record Rtp(NegotiatedMedia result, RtpSectionPlan plan) implements SectionAnswer {
    }

    record DataChannel(NegotiatedMedia result, String proto) implements SectionAnswer {
    }
}
