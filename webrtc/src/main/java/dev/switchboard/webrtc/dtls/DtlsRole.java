package dev.switchboard.webrtc.dtls;

/**
 * Which end of the DTLS handshake this side plays, fixed by the SDP {@code a=setup} exchange (RFC
 * 5763 §5, RFC 4145 §4): answering {@code setup:passive} makes us the server, {@code setup:active}
 * the client; immutable and thread-safe.
 */
public enum DtlsRole {
    /** Waits for the ClientHello; what we are when we answer {@code setup:passive}, as with Chrome. */
    SERVER,
    /** Sends the ClientHello; what we are when we answer {@code setup:active}. */
    CLIENT
}
