package dev.switchboard.webrtc.ice;

import dev.switchboard.webrtc.stun.StunMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The transaction ids of requests still waiting for a response (RFC 8489 §6.3.3 matches responses
 * by transaction id), bounded in number and age; confined to one thread.
 */
final class OutstandingTransactions {

    private record Sent(byte[] id, Instant at) {
    }

    private final int capacity;
    private final Duration timeout;
    private final ArrayDeque<Sent> sent;

    OutstandingTransactions(int capacity, Duration timeout) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        this.timeout = timeout;
        this.sent = new ArrayDeque<>(capacity);
    }

    /** Remembers {@code id}, forgetting timed-out ids and, when full, the oldest one. */
    void add(byte[] id, Instant now) {
        while (!sent.isEmpty() && !sent.peekFirst().at().plus(timeout).isAfter(now)) {
            sent.removeFirst();
        }
        if (sent.size() == capacity) {
            sent.removeFirst();
        }
        sent.addLast(new Sent(id.clone(), now));
    }

    boolean contains(StunMessage message) {
        for (Sent s : sent) {
            if (message.hasTransactionId(s.id())) {
                return true;
            }
        }
        return false;
    }

    void remove(StunMessage message) {
        for (Iterator<Sent> it = sent.iterator(); it.hasNext(); ) {
            if (message.hasTransactionId(it.next().id())) {
                it.remove();
                return;
            }
        }
    }

    int size() {
        return sent.size();
    }
}
