/**
 * RTCP parsing and writing (RFC 3550 §6.4-§6.6, RFC 4585 §6, RFC 5104 §4.3.1,
 * draft-alvestrand-rmcat-remb-03): records for control logic and an allocation-free
 * {@link dev.switchboard.webrtc.rtcp.RtcpScanner} for the forwarding hot path.
 */
package dev.switchboard.webrtc.rtcp;
