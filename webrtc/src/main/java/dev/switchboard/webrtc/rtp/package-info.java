/**
 * RTP packet handling for the forwarding hot path (RFC 3550 §5, RFC 8285): in-place parsing and
 * rewriting over {@code byte[]} without per-packet allocation, receive statistics and a bounded
 * retransmission buffer. Classes are confined to the thread that owns the stream unless their
 * javadoc says otherwise.
 */
package dev.switchboard.webrtc.rtp;
