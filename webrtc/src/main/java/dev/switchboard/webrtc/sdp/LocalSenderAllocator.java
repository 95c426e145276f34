package dev.switchboard.webrtc.sdp;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Hands out distinct non-zero SSRCs and track ids for the sections of one description
 * (RFC 3550 §8.1 random SSRCs, RFC 8830 §2 track ids); not thread-safe, use one per description.
 */
final class LocalSenderAllocator {

    private final RandomGenerator random;
    private final String cname;
    private final String streamId;
    private final Set<Long> usedSsrcs = new HashSet<>();
    private final Set<String> usedTracks = new HashSet<>();

    /** {@code remoteSsrcs} are avoided too, so our packets never look like the peer's own. */
    LocalSenderAllocator(RandomGenerator random, String cname, String streamId, Collection<Long> remoteSsrcs) {
        this.random = random;
        this.cname = cname;
        this.streamId = streamId;
        usedSsrcs.add(0L);
        usedSsrcs.addAll(remoteSsrcs);
    }

    LocalSender next() {
        long ssrc;
        do {
            ssrc = random.nextInt() & 0xFFFF_FFFFL;
        } while (!usedSsrcs.add(ssrc));
        String track;
        do {
            // A version-4 UUID from our generator: opaque like a browser's track id, reproducible in tests.
            long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
            long lsb = (random.nextLong() & ~(0xC000_0000_0000_0000L)) | 0x8000_0000_0000_0000L;
            track = new UUID(msb, lsb).toString();
        } while (!usedTracks.add(track));
        return new LocalSender(ssrc, cname, streamId, track);
    }
}
