package dev.switchboard.webrtc.srtp;

import java.lang.management.ManagementFactory;
import java.util.Random;

/**
 * A rough single-thread throughput probe for {@link SrtpSession} on 1,200-byte RTP packets (a
 * {@code System.nanoTime} loop, not a test and not JMH: run it by hand, figures vary with the
 * machine and its load); single-threaded.
 *
 * <p>{@code java -cp webrtc/target/classes:webrtc/target/test-classes
 * dev.switchboard.webrtc.srtp.ThroughputProbe}
 */
public final class ThroughputProbe {

    private static final int PACKET = 1200;
    private static final int BATCH = 4096;
    private static final int ROUNDS = 80;

    private ThroughputProbe() {
    }

    public static void main(String[] args) {
        for (SrtpProfile profile : SrtpProfile.values()) {
            for (int run = 0; run < 3; run++) {
                measure(profile, run == 2);
            }
        }
    }

    private static void measure(SrtpProfile profile, boolean print) {
        Random random = new Random(1);
        SrtpKeyMaterial keys = SrtpFixtures.keys(profile, random);
        SrtpSession sender = SrtpSession.create(keys, true);
        SrtpSession receiver = SrtpSession.create(keys, false);
        byte[] template = SrtpFixtures.rtp(0, 0x1234_5678, 0, 0, PACKET - 12, false, random);
        byte[][] sealed = new byte[BATCH][PACKET + profile.rtpOverhead()];
        byte[] work = new byte[PACKET + 64];
        long protectNanos = 0;
        long unprotectNanos = 0;
        long protectBytes = 0;
        long unprotectBytes = 0;
        int seq = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long bytes0 = allocated();
            long t0 = System.nanoTime();
            for (int i = 0; i < BATCH; i++) {
                byte[] buf = sealed[i];
                System.arraycopy(template, 0, buf, 0, PACKET);
                buf[2] = (byte) (seq >>> 8);
                buf[3] = (byte) seq;
                seq = (seq + 1) & 0xFFFF;
                check(sender.protectRtp(buf, 0, PACKET));
            }
            long t1 = System.nanoTime();
            long bytes1 = allocated();
            for (int i = 0; i < BATCH; i++) {
                System.arraycopy(sealed[i], 0, work, 0, sealed[i].length);
                check(receiver.unprotectRtp(work, 0, sealed[i].length));
            }
            long t2 = System.nanoTime();
            long bytes2 = allocated();
            protectNanos += t1 - t0;
            unprotectNanos += t2 - t1;
            protectBytes += bytes1 - bytes0;
            unprotectBytes += bytes2 - bytes1;
        }
        if (print) {
            long packets = (long) BATCH * ROUNDS;
            report(profile, "protect", packets, protectNanos, protectBytes);
            report(profile, "unprotect", packets, unprotectNanos, unprotectBytes);
        }
    }

    private static void report(SrtpProfile profile, String what, long packets, long nanos, long bytes) {
        System.out.printf("%-24s %-9s %,10.0f packets/s  %6.0f ns/packet  %5.0f B allocated/packet%n",
                profile, what, packets * 1e9 / nanos, (double) nanos / packets, (double) bytes / packets);
    }

    private static void check(int result) {
        if (result < 0) {
            throw new IllegalStateException(SrtpResult.describe(result));
        }
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
