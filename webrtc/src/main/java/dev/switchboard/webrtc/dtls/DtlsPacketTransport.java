package dev.switchboard.webrtc.dtls;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.bouncycastle.tls.DatagramTransport;

/**
 * The datagram path of one DTLS association (RFC 6347 §4.1) when many associations share one UDP
 * socket: the media thread {@link #offer}s the DTLS datagrams it demultiplexed for this peer (RFC
 * 7983), the blocking DTLS stack {@link #receive}s them on its own thread, and sends go to a
 * {@link DatagramSender}; thread-safe, with {@code offer} never blocking.
 */
public final class DtlsPacketTransport implements DatagramTransport {

    /** Enough for a full handshake flight plus retransmissions; more means the handshake thread is stuck. */
    public static final int DEFAULT_CAPACITY = 32;
    /** The largest Ethernet payload; larger datagrams would have been fragmented and are not DTLS we sent for. */
    public static final int RECEIVE_LIMIT = 1500;
    /**
     * Leaves room below a 1280-byte IPv6 minimum MTU for IP, UDP and a TURN ChannelData header, so
     * that handshake flights are never IP-fragmented (RFC 6347 §4.1.1.1).
     */
    public static final int SEND_LIMIT = 1200;

    private final DatagramSender sender;
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<byte[]> queue;
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    public DtlsPacketTransport(DatagramSender sender) {
        this(sender, DEFAULT_CAPACITY);
    }

    public DtlsPacketTransport(DatagramSender sender, int capacity) {
        this.sender = Objects.requireNonNull(sender, "sender");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
        this.queue = new ArrayDeque<>(capacity);
    }

    /**
     * Queues a copy of a received datagram for the DTLS stack; never blocks, so one slow handshake
     * cannot stall the media thread that serves every endpoint.
     *
     * @return false, counted in {@link #droppedDatagrams()}, when the queue is full, the datagram
     *     exceeds {@link #RECEIVE_LIMIT} or the transport is closed
     */
    public boolean offer(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len > RECEIVE_LIMIT || closed) {
            dropped.incrementAndGet();
            return false;
        }
        // Copy before locking: the caller reuses its receive buffer for the next datagram.
        byte[] copy = new byte[len];
        System.arraycopy(buf, off, copy, 0, len);
        lock.lock();
        try {
            if (closed || queue.size() >= capacity) {
                dropped.incrementAndGet();
                return false;
            }
            queue.addLast(copy);
            arrived.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Datagrams {@link #offer} refused since this transport was created. */
    public long droppedDatagrams() {
        return dropped.get();
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public int getReceiveLimit() {
        return RECEIVE_LIMIT;
    }

    @Override
    public int getSendLimit() {
        return SEND_LIMIT;
    }

    /**
     * Takes the next queued datagram, waiting at most {@code waitMillis} (0 waits without limit, as
     * the BouncyCastle contract says).
     *
     * @return the datagram's length, truncated to {@code len}, or -1 when none arrived in time
     * @throws ClosedException once {@link #close()} was called, also while waiting
     * @throws InterruptedIOException when the waiting thread is interrupted
     */
    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        byte[] datagram;
        lock.lock();
        try {
            long remaining = TimeUnit.MILLISECONDS.toNanos(waitMillis);
            while (queue.isEmpty() && !closed) {
                if (waitMillis == 0) {
                    arrived.await();
                } else if (remaining <= 0) {
                    return -1;
                } else {
                    remaining = arrived.awaitNanos(remaining);
                }
            }
            if (closed) {
                throw new ClosedException();
            }
            datagram = queue.removeFirst();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a DTLS datagram");
        } finally {
            lock.unlock();
        }
        int n = Math.min(len, datagram.length);
        System.arraycopy(datagram, 0, buf, off, n);
        return n;
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        if (closed) {
            throw new ClosedException();
        }
        sender.send(buf, off, len);
    }

    /**
     * Drops queued datagrams, refuses further ones and wakes a waiting {@link #receive}, which is
     * how a handshake is abandoned when its endpoint goes away; idempotent.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            queue.clear();
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** What {@link #receive} and {@link #send} throw after {@link #close()}. */
    public static final class ClosedException extends IOException {
        private static final long serialVersionUID = 1L;

        ClosedException() {
            super("DTLS transport closed");
        }
    }
}
