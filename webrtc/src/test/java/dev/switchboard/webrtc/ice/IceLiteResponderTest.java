package dev.switchboard.webrtc.ice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.webrtc.stun.StunAttributeType;
import dev.switchboard.webrtc.stun.StunClass;
import dev.switchboard.webrtc.stun.StunDecoder;
import dev.switchboard.webrtc.stun.StunErrorCode;
import dev.switchboard.webrtc.stun.StunIntegrity;
import dev.switchboard.webrtc.stun.StunMessage;
import dev.switchboard.webrtc.stun.StunWriter;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Tests {@link IceLiteResponder} against RFC 8445 §7.3 and RFC 8489 §9.1.3, with requests from
 * {@link IceControllingChecker} and hand-built ones; single-threaded.
 */
class IceLiteResponderTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private final IceTestPeers peers = new IceTestPeers(0x1CE_11E);

    @Test
    void checkerAndResponderCompleteAConnectivityCheckInMemory() {
        IceControllingChecker checker = peers.checker(true);
        byte[] request = checker.nextRequest(T0);

        BindingOutcome outcome = peers.answer(request);
        assertThat(outcome).isInstanceOf(BindingOutcome.Answered.class);
        BindingOutcome.Answered answered = (BindingOutcome.Answered) outcome;
        assertThat(answered.useCandidate()).isTrue();
        assertThat(answered.priority()).isEqualTo(IceTestPeers.PEER_PRIORITY);

        byte[] response = answered.response();
        StunMessage decoded = StunDecoder.decode(response, 0, response.length);
        assertThat(decoded.isBinding(StunClass.SUCCESS_RESPONSE)).isTrue();
        assertThat(decoded.xorMappedAddress()).isEqualTo(peers.clientAddress);
        assertThat(StunIntegrity.verifyMessageIntegrity(response, 0, response.length,
                StunIntegrity.shortTermKey(peers.server.pwd()))).isTrue();
        assertThat(StunIntegrity.verifyFingerprint(response, 0, response.length)).isTrue();

        assertThat(checker.connected()).isFalse();
        assertThat(checker.onResponse(response, 0, response.length)).isTrue();
        assertThat(checker.connected()).isTrue();
        assertThat(checker.nominated()).isTrue();
        assertThat(checker.mappedAddress()).isEqualTo(peers.clientAddress);
        assertThat(checker.outstanding()).isZero();
        // A replayed response matches no outstanding transaction any more.
        assertThat(checker.onResponse(response, 0, response.length)).isFalse();
        assertThat(checker.rejectedResponses()).isEqualTo(1);
    }

    @Test
    void ipv6SenderIsMirroredBack() {
        InetSocketAddress v6 = IceTestPeers.address("2001:db8::17", 61000);
        BindingOutcome outcome = peers.answer(peers.checker(false).nextRequest(T0), v6);
        byte[] response = ((BindingOutcome.Answered) outcome).response();
        assertThat(((BindingOutcome.Answered) outcome).useCandidate()).isFalse();
        assertThat(StunDecoder.decode(response, 0, response.length).xorMappedAddress()).isEqualTo(v6);
    }

    @Test
    void wrongLocalUfragIsUnauthorizedWithoutIntegrity() {
        IceCredentials stranger = IceCredentials.random();
        byte[] request = new IceControllingChecker(peers.client, stranger, IceTestPeers.PEER_PRIORITY, true,
                peers.random).nextRequest(T0);

        BindingOutcome.Rejected rejected = rejected(peers.answer(request), StunErrorCode.UNAUTHORIZED);
        StunMessage error = StunDecoder.decode(rejected.errorResponse(), 0, rejected.errorResponse().length);
        assertThat(error.hasMessageIntegrity()).isFalse();
        assertThat(error.hasFingerprint()).isTrue();
        assertThat(error.hasTransactionId(StunDecoder.decode(request, 0, request.length).transactionId())).isTrue();
    }

    @Test
    void unexpectedRemoteUfragIsUnauthorized() {
        byte[] request = peers.checker(true).nextRequest(T0);
        StunMessage msg = StunDecoder.decode(request, 0, request.length);

        BindingOutcome other = IceLiteResponder.respond(peers.server, "someoneElse", msg, request, 0, request.length,
                peers.clientAddress);
        BindingOutcome expected = IceLiteResponder.respond(peers.server, peers.client.ufrag(), msg, request, 0,
                request.length, peers.clientAddress);

        rejected(other, StunErrorCode.UNAUTHORIZED);
        assertThat(expected).isInstanceOf(BindingOutcome.Answered.class);
    }

    @Test
    void wrongPasswordIsDropped() {
        IceCredentials samePartWrongPwd = new IceCredentials(peers.server.ufrag(), IceCredentials.random().pwd());
        byte[] request = new IceControllingChecker(peers.client, samePartWrongPwd, IceTestPeers.PEER_PRIORITY, true,
                peers.random).nextRequest(T0);
        assertThat(peers.answer(request)).isInstanceOf(BindingOutcome.Dropped.class);
    }

    @Test
    void corruptedFingerprintIsDropped() {
        byte[] request = peers.checker(true).nextRequest(T0);
        request[request.length - 1] ^= 0x10;
        BindingOutcome outcome = peers.answer(request);
        assertThat(outcome).isInstanceOf(BindingOutcome.Dropped.class);
        assertThat(((BindingOutcome.Dropped) outcome).reason()).contains("FINGERPRINT");
    }

    @Test
    void tamperedBodyWithRecomputedFingerprintIsDroppedForIntegrity() {
        byte[] txId = txId();
        byte[] key = StunIntegrity.shortTermKey(peers.server.pwd());
        byte[] genuine = request(txId).priority(100).build(key, true);
        byte[] forged = request(txId).priority(200).build(key, true);
        // Keep the forged body but the genuine HMAC, then fix the CRC so only the HMAC can tell.
        int hmacAt = genuine.length - 8 - 20;
        System.arraycopy(genuine, hmacAt, forged, hmacAt, 20);
        byte[] refingerprinted = withFreshFingerprint(forged);

        assertThat(StunIntegrity.verifyFingerprint(refingerprinted, 0, refingerprinted.length)).isTrue();
        BindingOutcome outcome = peers.answer(refingerprinted);
        assertThat(((BindingOutcome.Dropped) outcome).reason()).contains("MESSAGE-INTEGRITY");
    }

    @Test
    void missingUsernameOrIntegrityIsBadRequest() {
        byte[] key = StunIntegrity.shortTermKey(peers.server.pwd());
        byte[] noUsername = StunWriter.request(txId()).priority(1).iceControlling(1).build(key, true);
        byte[] noIntegrity = request(txId()).priority(1).build(null, true);
        rejected(peers.answer(noUsername), StunErrorCode.BAD_REQUEST);
        rejected(peers.answer(noIntegrity), StunErrorCode.BAD_REQUEST);
    }

    @Test
    void missingPriorityIsBadRequestSignedWithTheLocalPassword() {
        byte[] key = StunIntegrity.shortTermKey(peers.server.pwd());
        BindingOutcome.Rejected rejected = rejected(peers.answer(request(txId()).build(key, true)),
                StunErrorCode.BAD_REQUEST);
        byte[] error = rejected.errorResponse();
        assertThat(StunIntegrity.verifyMessageIntegrity(error, 0, error.length, key)).isTrue();
    }

    @Test
    void peerClaimingTheControlledRoleGetsRoleConflict() {
        byte[] key = StunIntegrity.shortTermKey(peers.server.pwd());
        byte[] request = StunWriter.request(txId()).username(username()).priority(5).iceControlled(42)
                .build(key, true);
        BindingOutcome.Rejected rejected = rejected(peers.answer(request), StunErrorCode.ROLE_CONFLICT);
        byte[] error = rejected.errorResponse();
        StunMessage decoded = StunDecoder.decode(error, 0, error.length);
        assertThat(decoded.errorCode()).isEqualTo(StunErrorCode.ROLE_CONFLICT);
        assertThat(StunIntegrity.verifyMessageIntegrity(error, 0, error.length, key)).isTrue();
    }

    @Test
    void unknownComprehensionRequiredAttributeGets420() {
        byte[] key = StunIntegrity.shortTermKey(peers.server.pwd());
        byte[] request = request(txId()).priority(5).attribute(0x0077, new byte[4]).attribute(0xC057, new byte[4])
                .build(key, true);
        byte[] error = rejected(peers.answer(request), StunErrorCode.UNKNOWN_ATTRIBUTE).errorResponse();
        StunMessage decoded = StunDecoder.decode(error, 0, error.length);
        assertThat(decoded.attribute(StunAttributeType.UNKNOWN_ATTRIBUTES).copyValue(error)).containsExactly(0, 0x77);
    }

    @Test
    void checkWithoutRoleAttributeIsStillAnswered() {
        byte[] key = StunIntegrity.shortTermKey(peers.server.pwd());
        byte[] request = StunWriter.request(txId()).username(username()).priority(9).build(key, false);
        assertThat(peers.answer(request)).isInstanceOf(BindingOutcome.Answered.class);
    }

    @Test
    void indicationsAndResponsesAreDropped() {
        byte[] key = StunIntegrity.shortTermKey(peers.server.pwd());
        byte[] keepalive = StunWriter.indication(txId()).build(null, true);
        byte[] response = StunWriter.response(txId()).username(username()).build(key, true);
        assertThat(peers.answer(keepalive)).isInstanceOf(BindingOutcome.Dropped.class);
        assertThat(peers.answer(response)).isInstanceOf(BindingOutcome.Dropped.class);
    }

    @Test
    void unknownUserHelperGives401ForTheRequestsTransaction() {
        byte[] request = peers.checker(true).nextRequest(T0);
        StunMessage msg = StunDecoder.decode(request, 0, request.length);
        byte[] error = rejected(IceLiteResponder.unknownUser(msg), StunErrorCode.UNAUTHORIZED).errorResponse();
        StunMessage decoded = StunDecoder.decode(error, 0, error.length);
        assertThat(decoded.hasTransactionId(msg.transactionId())).isTrue();
        assertThat(decoded.errorCode()).isEqualTo(StunErrorCode.UNAUTHORIZED);
    }

    private BindingOutcome.Rejected rejected(BindingOutcome outcome, int code) {
        assertThat(outcome).isInstanceOf(BindingOutcome.Rejected.class);
        BindingOutcome.Rejected rejected = (BindingOutcome.Rejected) outcome;
        assertThat(rejected.errorCode()).isEqualTo(code);
        byte[] error = rejected.errorResponse();
        StunMessage decoded = StunDecoder.decode(error, 0, error.length);
        assertThat(decoded.isBinding(StunClass.ERROR_RESPONSE)).isTrue();
        assertThat(decoded.errorCode()).isEqualTo(code);
        assertThat(StunIntegrity.verifyFingerprint(error, 0, error.length)).isTrue();
        return rejected;
    }

    private StunWriter request(byte[] txId) {
        return StunWriter.request(txId).username(username()).iceControlling(peers.random.nextLong());
    }

    private String username() {
        return IceUsername.of(peers.server.ufrag(), peers.client.ufrag());
    }

    private byte[] txId() {
        byte[] id = new byte[StunMessage.TRANSACTION_ID_LENGTH];
        peers.random.nextBytes(id);
        return id;
    }

    private static byte[] withFreshFingerprint(byte[] m) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(m, 0, m.length - 8);
        long value = crc.getValue() ^ StunIntegrity.FINGERPRINT_XOR;
        byte[] copy = Arrays.copyOf(m, m.length);
        for (int i = 0; i < 4; i++) {
            copy[m.length - 4 + i] = (byte) (value >>> (24 - 8 * i));
        }
        return copy;
    }
}
