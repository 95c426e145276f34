package dev.switchboard.webrtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Tests {@link DtlsPacketTransport}, the queue between the media thread and a DTLS handshake (RFC
 * 6347 §4.1); blocking receives run on virtual threads, and every wait is bounded.
 */
class DtlsPacketTransportTest {

    private static final Duration BOUND = Duration.ofSeconds(5);

    private final DtlsPacketTransport transport = new DtlsPacketTransport((buf, off, len) -> { });

    @Test
    void receivesACopyOfWhatWasOffered() throws Exception {
        byte[] datagram = {22, (byte) 0xfe, (byte) 0xfd, 1, 2, 3};
        assertThat(transport.offer(datagram, 1, 4)).isTrue();
        datagram[1] = 0; // the media thread reuses its buffer

        byte[] buf = new byte[transport.getReceiveLimit()];
        assertThat(transport.receive(buf, 10, buf.length - 10, 1000)).isEqualTo(4);
        assertThat(buf).startsWith(new byte[10]).containsSequence((byte) 0xfe, (byte) 0xfd, (byte) 1, (byte) 2);
        assertThat(transport.droppedDatagrams()).isZero();
    }

    @Test
    void receiveReturnsMinusOneWhenNothingArrivesInTime() {
        byte[] buf = new byte[100];
        int received = assertTimeoutPreemptively(BOUND, () -> transport.receive(buf, 0, buf.length, 20));
        assertThat(received).isEqualTo(-1);
    }

    @Test
    void aFullQueueRefusesWithoutBlockingAndCountsTheDrop() {
        byte[] datagram = new byte[100];
        assertTimeoutPreemptively(BOUND, () -> {
            for (int i = 0; i < DtlsPacketTransport.DEFAULT_CAPACITY; i++) {
                assertThat(transport.offer(datagram, 0, datagram.length)).isTrue();
            }
            assertThat(transport.offer(datagram, 0, datagram.length)).isFalse();
            assertThat(transport.offer(datagram, 0, datagram.length)).isFalse();
        });
        assertThat(transport.droppedDatagrams()).isEqualTo(2);
    }

    @Test
    void oversizedDatagramsAreRefused() {
        byte[] jumbo = new byte[DtlsPacketTransport.RECEIVE_LIMIT + 1];
        assertThat(transport.offer(jumbo, 0, jumbo.length)).isFalse();
        assertThat(transport.offer(jumbo, 1, jumbo.length - 1)).isTrue();
        assertThat(transport.droppedDatagrams()).isEqualTo(1);
        assertThatThrownBy(() -> transport.offer(jumbo, 2, jumbo.length - 1))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void closeWakesAReceiverWaitingWithoutLimit() throws Exception {
        CompletableFuture<Throwable> failure = receiveInBackground();

        transport.close();

        assertThat(failure.get(BOUND.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(DtlsPacketTransport.ClosedException.class);
        assertThat(transport.isClosed()).isTrue();
        assertThat(transport.offer(new byte[1], 0, 1)).isFalse();
        assertThatThrownBy(() -> transport.send(new byte[1], 0, 1))
                .isInstanceOf(DtlsPacketTransport.ClosedException.class);
    }

    @Test
    void interruptAbortsAWaitingReceiver() throws Exception {
        CompletableFuture<Thread> started = new CompletableFuture<>();
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        Thread receiver = Thread.ofVirtual().start(() -> {
            started.complete(Thread.currentThread());
            failure.complete(receiveFailure());
        });
        started.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);

        receiver.interrupt();

        assertThat(failure.get(BOUND.toMillis(), TimeUnit.MILLISECONDS)).isInstanceOf(InterruptedIOException.class);
        assertThat(receiver.join(BOUND)).isTrue();
    }

    @Test
    void sendsGoToTheSender() throws Exception {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        DtlsPacketTransport sending = new DtlsPacketTransport((buf, off, len) -> sent.write(buf, off, len));
        sending.send(new byte[] {1, 2, 3, 4}, 1, 2);
        assertThat(sent.toByteArray()).containsExactly(2, 3);
        assertThat(sending.getSendLimit()).isEqualTo(1200);
        assertThat(sending.getReceiveLimit()).isEqualTo(1500);
    }

    /** Waits without limit on a virtual thread; completes with what receive threw, or null if it returned. */
    private CompletableFuture<Throwable> receiveInBackground() {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> failure.complete(receiveFailure()));
        return failure;
    }

    private Throwable receiveFailure() {
        try {
            transport.receive(new byte[100], 0, 100, 0);
            return null;
        } catch (Exception e) {
            return e;
        }
    }
}
