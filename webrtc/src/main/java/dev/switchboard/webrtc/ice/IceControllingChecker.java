package dev.switchboard.webrtc.ice;

import dev.switchboard.webrtc.stun.StunClass;
import dev.switchboard.webrtc.stun.StunDecoder;
import dev.switchboard.webrtc.stun.StunIntegrity;
import dev.switchboard.webrtc.stun.StunMessage;
import dev.switchboard.webrtc.stun.StunParseException;
import dev.switchboard.webrtc.stun.StunWriter;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The controlling side of connectivity checks on one candidate pair (RFC 8445 §7.2.4 requests,
 * §7.2.5 response processing), for a headless peer talking to an ICE-lite server; confined to one
 * thread.
 *
 * <p>Pacing and retransmission are the caller's: each {@link #nextRequest(Instant)} is a new
 * transaction. Checking that a response came from the address the request went to (§7.2.5.2.1) is
 * also the caller's, since this class never sees addresses. Malformed or unauthenticated responses
 * are counted in {@link #rejectedResponses()}, never thrown.
 */
public final class IceControllingChecker {

    /** Requests remembered at once; more in flight than this means the pair is not answering anyway. */
    public static final int MAX_OUTSTANDING = 16;
    /** RFC 8489 §6.2.1's default transaction timeout (Rc = 7, RTO = 500 ms, Rm = 16). */
    public static final Duration TRANSACTION_TIMEOUT = Duration.ofMillis(39_500);

    private final IceCredentials local;
    private final IceCredentials remote;
    private final byte[] remoteKey;
    private final long priority;
    private final boolean useCandidate;
    private final long tieBreaker;
    private final RandomGenerator random;
    private final OutstandingTransactions outstanding =
            new OutstandingTransactions(MAX_OUTSTANDING, TRANSACTION_TIMEOUT);

    private boolean connected;
    private boolean nominated;
    private InetSocketAddress mappedAddress;
    private Integer lastErrorCode;
    private int rejectedResponses;

    /** A checker drawing transaction ids and the tie-breaker from a {@link SecureRandom}. */
    public IceControllingChecker(IceCredentials local, IceCredentials remote, long priority, boolean useCandidate) {
        this(local, remote, priority, useCandidate, new SecureRandom());
    }

    /**
     * @param priority the PRIORITY to send: that of a peer-reflexive candidate of ours (RFC 8445 §7.1.1)
     * @param useCandidate whether every request carries USE-CANDIDATE, nominating the pair at once
     * @param random source of transaction ids (RFC 8489 §6 wants them unguessable) and the tie-breaker
     */
    public IceControllingChecker(IceCredentials local, IceCredentials remote, long priority, boolean useCandidate,
                                 RandomGenerator random) {
        this.local = Objects.requireNonNull(local, "local");
        this.remote = Objects.requireNonNull(remote, "remote");
        this.random = Objects.requireNonNull(random, "random");
        if (priority < 1 || priority > Integer.MAX_VALUE) {
            // RFC 8445 §5.1.2.1 keeps priorities positive and below 2^31.
            throw new IllegalArgumentException("priority out of range 1..2^31-1: " + priority);
        }
        this.priority = priority;
        this.useCandidate = useCandidate;
        this.remoteKey = StunIntegrity.shortTermKey(remote.pwd());
        this.tieBreaker = random.nextLong();
    }

    /** A new Binding request, signed with the remote password as RFC 8445 §7.2.2 says. */
    public byte[] nextRequest(Instant now) {
        Objects.requireNonNull(now, "now");
        byte[] txId = new byte[StunMessage.TRANSACTION_ID_LENGTH];
        random.nextBytes(txId);
        StunWriter request = StunWriter.request(txId)
                .username(IceUsername.of(remote.ufrag(), local.ufrag()))
                .priority(priority)
                .iceControlling(tieBreaker);
        if (useCandidate) {
            request.useCandidate();
        }
        outstanding.add(txId, now);
        return request.build(remoteKey, true);
    }

    /**
     * Processes a datagram that looked like STUN; true when it is an authenticated success response
     * to an outstanding request, which makes the pair {@link #connected()}.
     */
    public boolean onResponse(byte[] buf, int off, int len) {
        StunMessage response;
        try {
            response = StunDecoder.decode(buf, off, len);
        } catch (StunParseException e) {
            return reject();
        }
        boolean success = response.isBinding(StunClass.SUCCESS_RESPONSE);
        if ((!success && !response.isBinding(StunClass.ERROR_RESPONSE)) || !outstanding.contains(response)) {
            return reject();
        }
        if (response.hasFingerprint() && !StunIntegrity.verifyFingerprint(buf, off, len)) {
            return reject();
        }
        boolean authentic = response.hasMessageIntegrity()
                && StunIntegrity.verifyMessageIntegrity(buf, off, len, remoteKey);
        if (!success) {
            // 400 and 401 come unsigned (RFC 8489 §9.1.3); keep the code for diagnosis, but only a
            // signed answer may end the transaction, or anyone could cancel our checks.
            lastErrorCode = response.errorCode();
            if (authentic) {
                outstanding.remove(response);
            }
            return false;
        }
        if (!authentic || response.xorMappedAddress() == null) {
            return reject();
        }
        outstanding.remove(response);
        connected = true;
        nominated |= useCandidate;
        mappedAddress = response.xorMappedAddress();
        return true;
    }

    /** Whether any check on this pair succeeded. */
    public boolean connected() {
        return connected;
    }

    /** Whether a check carrying USE-CANDIDATE succeeded, which nominates the pair (RFC 8445 §8.1.1). */
    public boolean nominated() {
        return nominated;
    }

    /** Our address as the other side saw it in the last successful check, or null. */
    public InetSocketAddress mappedAddress() {
        return mappedAddress;
    }

    /** ERROR-CODE of the last error response to one of our requests, or null. */
    public Integer lastErrorCode() {
        return lastErrorCode;
    }

    /** Datagrams given to {@link #onResponse} that were malformed, unexpected or not authentic. */
    public int rejectedResponses() {
        return rejectedResponses;
    }

    /** Requests sent and not yet answered, at most {@link #MAX_OUTSTANDING}. */
    public int outstanding() {
        return outstanding.size();
    }

    /** The ICE-CONTROLLING tie-breaker of this agent. */
    public long tieBreaker() {
        return tieBreaker;
    }

    private boolean reject() {
        rejectedResponses++;
        return false;
    }
}
