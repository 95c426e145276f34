package dev.switchboard.webrtc.ice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.webrtc.stun.StunDecoder;
import dev.switchboard.webrtc.stun.StunErrorCode;
import dev.switchboard.webrtc.stun.StunIntegrity;
import dev.switchboard.webrtc.stun.StunMessage;
import dev.switchboard.webrtc.stun.StunWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tests {@link IceControllingChecker}'s requests (RFC 8445 §7.2.4) and response checks (§7.2.5); single-threaded. */
class IceControllingCheckerTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private final IceTestPeers peers = new IceTestPeers(0xC0_47_201L);

    @Test
    void requestsCarryWhatRfc8445Requires() {
        IceControllingChecker checker = peers.checker(true);
        byte[] request = checker.nextRequest(T0);
        StunMessage msg = StunDecoder.decode(request, 0, request.length);

        assertThat(msg.username()).isEqualTo(peers.server.ufrag() + ":" + peers.client.ufrag());
        assertThat(msg.priority()).isEqualTo(IceTestPeers.PEER_PRIORITY);
        assertThat(msg.iceControlling()).isEqualTo(checker.tieBreaker());
        assertThat(msg.iceControlled()).isNull();
        assertThat(msg.useCandidate()).isTrue();
        assertThat(StunIntegrity.verifyMessageIntegrity(request, 0, request.length,
                StunIntegrity.shortTermKey(peers.server.pwd()))).isTrue();
        assertThat(StunIntegrity.verifyMessageIntegrity(request, 0, request.length,
                StunIntegrity.shortTermKey(peers.client.pwd()))).isFalse();
        assertThat(StunIntegrity.verifyFingerprint(request, 0, request.length)).isTrue();

        byte[] plain = peers.checker(false).nextRequest(T0);
        assertThat(StunDecoder.decode(plain, 0, plain.length).useCandidate()).isFalse();
    }

    @Test
    void everyRequestIsANewTransactionAndOutstandingOnesAreBounded() {
        IceControllingChecker checker = peers.checker(false);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 3 * IceControllingChecker.MAX_OUTSTANDING; i++) {
            byte[] request = checker.nextRequest(T0.plusMillis(i));
            ids.add(java.util.HexFormat.of().formatHex(StunDecoder.decode(request, 0, request.length).transactionId()));
            assertThat(checker.outstanding()).isLessThanOrEqualTo(IceControllingChecker.MAX_OUTSTANDING);
        }
        assertThat(ids).hasSize(3 * IceControllingChecker.MAX_OUTSTANDING);
    }

    @Test
    void oldTransactionsTimeOut() {
        IceControllingChecker checker = peers.checker(false);
        byte[] first = checker.nextRequest(T0);
        checker.nextRequest(T0.plus(IceControllingChecker.TRANSACTION_TIMEOUT).plus(Duration.ofMillis(1)));
        assertThat(checker.outstanding()).isEqualTo(1);

        assertThat(checker.onResponse(answer(first), 0, answer(first).length)).isFalse();
        assertThat(checker.connected()).isFalse();
    }

    @Test
    void evictedTransactionsAreNoLongerAccepted() {
        IceControllingChecker checker = peers.checker(false);
        byte[] first = checker.nextRequest(T0);
        for (int i = 0; i < IceControllingChecker.MAX_OUTSTANDING; i++) {
            checker.nextRequest(T0);
        }
        byte[] response = answer(first);
        assertThat(checker.onResponse(response, 0, response.length)).isFalse();
    }

    @Test
    void responseSignedWithAnotherPasswordIsRejected() {
        IceControllingChecker checker = peers.checker(true);
        byte[] request = checker.nextRequest(T0);
        byte[] txId = StunDecoder.decode(request, 0, request.length).transactionId();
        byte[] forged = StunWriter.response(txId).xorMappedAddress(peers.clientAddress)
                .build(StunIntegrity.shortTermKey(IceCredentials.random().pwd()), true);
        byte[] unsigned = StunWriter.response(txId).xorMappedAddress(peers.clientAddress).build(null, true);

        assertThat(checker.onResponse(forged, 0, forged.length)).isFalse();
        assertThat(checker.onResponse(unsigned, 0, unsigned.length)).isFalse();
        assertThat(checker.rejectedResponses()).isEqualTo(2);
        // The forgeries did not consume the transaction: the genuine answer still counts.
        byte[] genuine = answer(request);
        assertThat(checker.onResponse(genuine, 0, genuine.length)).isTrue();
    }

    @Test
    void responseWithoutMappedAddressIsRejected() {
        IceControllingChecker checker = peers.checker(true);
        byte[] request = checker.nextRequest(T0);
        byte[] txId = StunDecoder.decode(request, 0, request.length).transactionId();
        byte[] response = StunWriter.response(txId).build(StunIntegrity.shortTermKey(peers.server.pwd()), true);
        assertThat(checker.onResponse(response, 0, response.length)).isFalse();
        assertThat(checker.connected()).isFalse();
    }

    @Test
    void errorResponsesAreRecordedButDoNotConnect() {
        IceControllingChecker checker = peers.checker(true);
        byte[] request = checker.nextRequest(T0);
        byte[] txId = StunDecoder.decode(request, 0, request.length).transactionId();
        byte[] error = StunWriter.errorResponse(txId, StunErrorCode.UNAUTHORIZED, "Unauthorized").build(null, true);

        assertThat(checker.onResponse(error, 0, error.length)).isFalse();
        assertThat(checker.lastErrorCode()).isEqualTo(StunErrorCode.UNAUTHORIZED);
        assertThat(checker.connected()).isFalse();
        assertThat(checker.outstanding()).isEqualTo(1);
    }

    @Test
    void garbageAndTruncationAreCountedNotThrown() {
        IceControllingChecker checker = peers.checker(true);
        byte[] response = answer(checker.nextRequest(T0));
        for (int len = 0; len < response.length; len++) {
            assertThat(checker.onResponse(response, 0, len)).isFalse();
        }
        assertThat(checker.rejectedResponses()).isEqualTo(response.length);
        assertThat(checker.onResponse(response, 0, response.length)).isTrue();
    }

    private byte[] answer(byte[] request) {
        return ((BindingOutcome.Answered) peers.answer(request)).response();
    }
}
