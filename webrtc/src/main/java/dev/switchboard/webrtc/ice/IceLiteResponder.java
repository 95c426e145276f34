package dev.switchboard.webrtc.ice;

import dev.switchboard.webrtc.stun.StunClass;
import dev.switchboard.webrtc.stun.StunErrorCode;
import dev.switchboard.webrtc.stun.StunIntegrity;
import dev.switchboard.webrtc.stun.StunMessage;
import dev.switchboard.webrtc.stun.StunWriter;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Answers the connectivity checks a full ICE agent sends to our ICE-lite agent (RFC 8445 §7.3,
 * authenticated with short-term credentials as in RFC 8489 §9.1.3); stateless and thread-safe.
 *
 * <p>The checks, in RFC 8489 §6.3's order, and what each failure gives:
 * <ul>
 * <li>not a Binding request: dropped (indications are keepalives, RFC 8445 §11, and need no answer);
 * <li>FINGERPRINT present but wrong: dropped, RFC 8489 §7.3 treats such a datagram as not STUN;
 * <li>USERNAME or MESSAGE-INTEGRITY missing: 400, without MESSAGE-INTEGRITY (§9.1.3);
 * <li>USERNAME not {@code localUfrag:remoteUfrag}: 401, without MESSAGE-INTEGRITY (§9.1.3);
 * <li>MESSAGE-INTEGRITY wrong: dropped, where §9.1.3 says 401. Whoever cannot compute the HMAC
 *     learns nothing from silence, and the check costs no response on the media thread;
 * <li>unknown comprehension-required attributes: 420 with UNKNOWN-ATTRIBUTES (§6.3.1);
 * <li>ICE-CONTROLLED present: 487. A lite agent is always controlled (RFC 8445 §6.1.1) and cannot
 *     take the controlling role as §7.3.1.1 would have it, so it answers as if its tie-breaker
 *     always won, which makes the full agent switch to controlling (§7.2.5.1) and retry;
 * <li>PRIORITY missing: 400, which RFC 8445 §7.1.1 makes mandatory in every check.
 * </ul>
 * A check carrying neither ICE-CONTROLLING nor ICE-CONTROLLED is answered: the role attributes
 * only matter for conflicts, and a lite agent never has one to resolve. Every response after
 * successful authentication carries MESSAGE-INTEGRITY under the local password, and every response
 * carries FINGERPRINT, which ICE requires (RFC 8445 §7.1).
 */
public final class IceLiteResponder {

    private IceLiteResponder() {
    }

    /** Validates {@code request}, decoded from {@code buf[off..off+len)}, sent from {@code sender}. */
    public static BindingOutcome respond(IceCredentials local, StunMessage request, byte[] buf, int off, int len,
                                         InetSocketAddress sender) {
        return respond(local, null, request, buf, off, len, sender);
    }

    /**
     * Like {@link #respond(IceCredentials, StunMessage, byte[], int, int, InetSocketAddress)} but also
     * answers 401 unless the remote part of USERNAME is {@code expectedRemoteUfrag}, when that is not
     * null (RFC 8445 §7.3: it is known once the remote description is).
     */
    public static BindingOutcome respond(IceCredentials local, String expectedRemoteUfrag, StunMessage request,
                                         byte[] buf, int off, int len, InetSocketAddress sender) {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(sender, "sender");
        if (!request.isBinding(StunClass.REQUEST)) {
            return new BindingOutcome.Dropped("not a Binding request: " + request.messageClass());
        }
        if (request.hasFingerprint() && !StunIntegrity.verifyFingerprint(buf, off, len)) {
            return new BindingOutcome.Dropped("FINGERPRINT does not match");
        }
        String username = request.username();
        if (username == null || !request.hasMessageIntegrity()) {
            return unauthenticated(request, StunErrorCode.BAD_REQUEST, "USERNAME or MESSAGE-INTEGRITY missing");
        }
        if (!local.ufrag().equals(IceUsername.localUfrag(username))) {
            return unknownUser(request);
        }
        if (expectedRemoteUfrag != null && !expectedRemoteUfrag.equals(IceUsername.remoteUfrag(username))) {
            return unauthenticated(request, StunErrorCode.UNAUTHORIZED, "USERNAME names another remote ufrag");
        }
        byte[] key = StunIntegrity.shortTermKey(local.pwd());
        if (!StunIntegrity.verifyMessageIntegrity(buf, off, len, key)) {
            return new BindingOutcome.Dropped("MESSAGE-INTEGRITY does not verify");
        }
        byte[] txId = request.transactionId();
        if (!request.unknownComprehensionRequired().isEmpty()) {
            byte[] response = error(txId, StunErrorCode.UNKNOWN_ATTRIBUTE)
                    .unknownAttributes(request.unknownComprehensionRequired()).build(key, true);
            return new BindingOutcome.Rejected(response, StunErrorCode.UNKNOWN_ATTRIBUTE,
                    "unknown comprehension-required attributes " + request.unknownComprehensionRequired());
        }
        if (request.iceControlled() != null) {
            return new BindingOutcome.Rejected(error(txId, StunErrorCode.ROLE_CONFLICT).build(key, true),
                    StunErrorCode.ROLE_CONFLICT, "peer claims the controlled role, which a lite agent always has");
        }
        Long priority = request.priority();
        if (priority == null) {
            return new BindingOutcome.Rejected(error(txId, StunErrorCode.BAD_REQUEST).build(key, true),
                    StunErrorCode.BAD_REQUEST, "PRIORITY missing");
        }
        byte[] response = StunWriter.response(txId).xorMappedAddress(sender).build(key, true);
        return new BindingOutcome.Answered(response, request.useCandidate(), priority);
    }

    /**
     * The 401 for a request whose USERNAME names no local ufrag we know; for a server that routes by
     * {@link IceUsername#localUfrag(String)} and finds no endpoint.
     */
    public static BindingOutcome unknownUser(StunMessage request) {
        return unauthenticated(request, StunErrorCode.UNAUTHORIZED, "USERNAME names an unknown local ufrag");
    }

    // Without verified credentials there is no key to sign with (RFC 8489 §9.1.3).
    private static BindingOutcome unauthenticated(StunMessage request, int code, String reason) {
        return new BindingOutcome.Rejected(error(request.transactionId(), code).build(null, true), code, reason);
    }

    private static StunWriter error(byte[] txId, int code) {
        return StunWriter.errorResponse(txId, code, StunErrorCode.reasonPhrase(code));
    }
}
