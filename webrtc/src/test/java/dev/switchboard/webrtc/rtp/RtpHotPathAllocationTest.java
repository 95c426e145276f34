package dev.switchboard.webrtc.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.webrtc.rtcp.PictureLossIndication;
import dev.switchboard.webrtc.rtcp.ReceiverReport;
import dev.switchboard.webrtc.rtcp.RtcpScanner;
import dev.switchboard.webrtc.rtcp.RtcpWriter;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checks that the per-packet forwarding path (RFC 3550 §5.1 parse and rewrite, RFC 8285 lookup and
 * remap, A.1/A.8 statistics, retransmission storage, RTCP scanning) allocates nothing once warm;
 * single-threaded.
 */
class RtpHotPathAllocationTest {

    private static final int PACKETS = 100_000;
    // One 16-byte object per packet would be 1.6 MB; this leaves room only for measurement noise.
    private static final long ALLOWED_BYTES = 64 * 1024;

    @Test
    void forwardingAPacketAllocatesNothing() {
        byte[] packet = new byte[1500];
        int len = new RtpWriter().payloadType(96).ssrc(1111).extension(1, new byte[] {1, 2, 3})
                .extension(3, new byte[] {4}).extension(5, new byte[] {5, 6})
                .write(packet, 0, new byte[1000], 0, 1000);
        byte[] rtcp = RtcpWriter.compound(List.of(new ReceiverReport(1, List.of()), new PictureLossIndication(1, 2)));
        byte[] idMap = new byte[256];
        idMap[1] = 7;
        idMap[3] = 3;
        idMap[5] = 1;
        idMap[7] = 5;
        HeaderExtensionRewriter rewriter = new HeaderExtensionRewriter(idMap);
        RtpHeader header = new RtpHeader();
        RtpStreamStats stats = new RtpStreamStats(1111);
        RetransmissionBuffer buffer = new RetransmissionBuffer();
        RtcpScanner scanner = new RtcpScanner();
        byte[] out = new byte[1500];

        // Warm up: fills the retransmission slots and loads every class.
        long sink = forward(packet, len, rtcp, rewriter, header, stats, buffer, scanner, out, 0, 2 * buffer.capacity());

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        sink += forward(packet, len, rtcp, rewriter, header, stats, buffer, scanner, out, 2 * buffer.capacity(), PACKETS);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(sink).isPositive();
        assertThat(allocated).as("bytes allocated for %d packets", PACKETS).isLessThan(ALLOWED_BYTES);
    }

    private static long forward(byte[] packet, int len, byte[] rtcp, HeaderExtensionRewriter rewriter, RtpHeader header,
            RtpStreamStats stats, RetransmissionBuffer buffer, RtcpScanner scanner, byte[] out, int first, int count) {
        long sink = 0;
        for (int i = first; i < first + count; i++) {
            RtpRewriter.setSequenceNumber(packet, 0, i);
            if (!header.parse(packet, 0, len)) {
                throw new AssertionError(header.error());
            }
            stats.onPacket(header.sequenceNumber(), header.timestamp(), i * 90L);
            // The rewrite map is a permutation of the ids in use, so every packet keeps its elements.
            sink += rewriter.rewrite(header);
            sink += header.findExtension(5) + header.foundExtensionLength();
            RtpRewriter.setSsrc(packet, 0, 2222);
            RtpRewriter.setPayloadType(packet, 0, 100);
            buffer.store(header.sequenceNumber(), packet, 0, len);
            sink += buffer.copyOut(SequenceNumbers.add(header.sequenceNumber(), -10), out, 0);
            scanner.reset(rtcp, 0, rtcp.length);
            while (scanner.next()) {
                sink += scanner.packetType() + scanner.mediaSsrc();
            }
        }
        return sink + stats.jitter();
    }
}
