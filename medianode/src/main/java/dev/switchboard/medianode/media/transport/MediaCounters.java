package dev.switchboard.medianode.media.transport;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Node-wide media counters: packets received, forwarded, and dropped per {@link DropReason}.
 * Written by the media thread (and the DTLS threads for their drops); readable from any thread.
 * Atomic arrays because a plain long read from another thread may tear.
 */
public final class MediaCounters {
  private static final DropReason[] REASONS = DropReason.values();
  private final AtomicLongArray drops = new AtomicLongArray(REASONS.length);
  private final AtomicLongArray traffic = new AtomicLongArray(Traffic.values().length);

  /**
   * Traffic the media plane handled successfully. Byte counts are RTP packets as decrypted
   * (header and payload, no SRTP tag); RTP_LOST is what the sequence numbers of publishers' streams
   * say never arrived (the losses our receiver reports carry); RTP_LOST_DOWNSTREAM is what
   * subscribers' receiver reports say never reached them (the growth of their cumulative loss);
   * keyframe requests are the PLIs we sent to publishers and the PLI/FIR subscribers sent us.
   */
  public enum Traffic {
    DATAGRAMS_IN, RTP_IN, RTCP_IN, RTP_FORWARDED, RTP_RETRANSMITTED, RTCP_OUT, STUN_ANSWERED,
    RTP_BYTES_IN, RTP_BYTES_FORWARDED, RTP_LOST, RTP_LOST_DOWNSTREAM, KEYFRAME_REQUESTS_SENT, KEYFRAME_REQUESTS_RECEIVED
  }

  public void drop(DropReason reason) {
    drops.incrementAndGet(reason.ordinal());
  }

  public void count(Traffic what) {
    traffic.incrementAndGet(what.ordinal());
  }

  public void add(Traffic what, long n) {
    traffic.addAndGet(what.ordinal(), n);
  }

  public long drops(DropReason reason) {
    return drops.get(reason.ordinal());
  }

  public long traffic(Traffic what) {
    return traffic.get(what.ordinal());
  }

  public long totalDrops() {
    long sum = 0;
    for (int i = 0; i < REASONS.length; i++) {
      sum += drops.get(i);
    }
    return sum;
  }

  /** Non-zero drop counters, for logs and diagnostics. */
  public Map<DropReason, Long> dropSnapshot() {
    Map<DropReason, Long> out = new EnumMap<>(DropReason.class);
    for (DropReason r : REASONS) {
      long v = drops.get(r.ordinal());
      if (v != 0) {
        out.put(r, v);
      }
    }
    return out;
  }
}
