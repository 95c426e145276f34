/**
 * SRTP and SRTCP (RFC 3711) with the AES_CM_128_HMAC_SHA1_80 and AEAD_AES_128_GCM (RFC 7714)
 * protection profiles that DTLS-SRTP (RFC 5764) negotiates for WebRTC.
 *
 * <p>Why we write our own rather than use a library: this is the media hot path of the SFU, every
 * forwarded packet is unprotected once and protected once per subscriber, and the target is more
 * than 50,000 packets/s per core. The JDK's AES (AES-NI) and SHA-1 (SHA-NI) intrinsics are as fast
 * as OpenSSL for these packet sizes, so a thin layer over {@code javax.crypto} that works in place
 * on the caller's buffer, keeps its {@code Cipher} and digest instances and scratch buffers per
 * context and reports failures as negative result codes instead of exceptions costs less than any
 * wrapper, and needs no native code or new dependency.
 *
 * <p>Entry points: {@link dev.switchboard.webrtc.srtp.SrtpKeyMaterial} splits the DTLS exporter
 * output, {@link dev.switchboard.webrtc.srtp.SrtpSession} protects and unprotects, and
 * {@link dev.switchboard.webrtc.srtp.SrtpResult} names the negative results.
 */
package dev.switchboard.webrtc.srtp;
