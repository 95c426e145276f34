package dev.switchboard.webrtc.rtcp;

/**
 * One reception report block of an SR or RR (RFC 3550 §6.4.1): what we heard from {@code ssrc};
 * immutable and thread-safe.
 *
 * @param fractionLost losses since the previous report, in 1/256 units, 0-255
 * @param cumulativeLost a signed 24-bit count, negative when duplicates outnumber losses
 * @param highestSeq the extended highest sequence number received (cycles in the upper 16 bits)
 * @param jitter interarrival jitter in RTP timestamp units
 * @param lastSr the middle 32 bits of the last SR's NTP timestamp, 0 if none was received
 * @param delaySinceLastSr time since that SR arrived, in 1/65536 seconds
 */
public record ReportBlock(long ssrc, int fractionLost, int cumulativeLost, long highestSeq, long jitter, long lastSr,
        long delaySinceLastSr) {

    public static final int MIN_CUMULATIVE_LOST = -(1 << 23);
    public static final int MAX_CUMULATIVE_LOST = (1 << 23) - 1;

    public ReportBlock {
        Checks.u32("ssrc", ssrc);
        Checks.range("fractionLost", fractionLost, 0, 255);
        Checks.range("cumulativeLost", cumulativeLost, MIN_CUMULATIVE_LOST, MAX_CUMULATIVE_LOST);
        Checks.u32("highestSeq", highestSeq);
        Checks.u32("jitter", jitter);
        Checks.u32("lastSr", lastSr);
        Checks.u32("delaySinceLastSr", delaySinceLastSr);
    }
}
