package dev.switchboard.loadtest;

/**
 * What one step of the forwarding ramp measured on one target; immutable.
 *
 * @param publishers        publishers sending in this step
 * @param subscriptions     subscriber peers (each receives audio and video of one publisher)
 * @param offeredPps        packets/s the target should have forwarded in the window
 * @param deliveredPps      packets/s the subscribers received (stamped inside the window)
 * @param deliveredMbps     delivered RTP bit rate (headers included), derived from packet sizes
 * @param serverCores       server process CPU (user + system) during the window, in cores
 * @param generatorCores    the load generator's own CPU, in cores (it shares the machine)
 * @param lossPercent       1 - received / expected inside the window, in percent
 * @param lost              packets expected and not received
 * @param expected          packets expected inside the window
 * @param p50Millis         one-way latency median through the target (stamped packets)
 * @param p99Millis         one-way latency 99th percentile
 * @param maxMillis         the largest latency sample
 * @param serverRssMb       server resident memory at the end of the window
 * @param rssPerTrackKb     server RSS growth since before the first peer, per forwarded track
 * @param setupMillis       mean time to negotiate and connect one peer added in this step
 */
record StepResult(int publishers, int subscriptions, double offeredPps, double deliveredPps, double deliveredMbps,
                  double serverCores, double generatorCores, double lossPercent, long lost, long expected,
                  double p50Millis, double p99Millis, double maxMillis, double serverRssMb, double rssPerTrackKb,
                  double setupMillis) {

  /** Forwarded tracks: each subscription carries an audio and a video track. */
  int tracks() {
    return subscriptions * 2;
  }

  /** Delivered packets per second per core of server CPU. */
  double ppsPerCore() {
    return serverCores <= 0 ? 0 : deliveredPps / serverCores;
  }

  /** The progress line printed after each step. */
  String line(String target) {
    return String.format(java.util.Locale.ROOT, "%-9s %3d pub x %3d sub: %8.0f pps (%6.1f Mbit/s) delivered of %8.0f, server %.2f cores"
            + " (%.0f pps/core), loss %.3f%%, latency p50 %.2f p99 %.2f max %.1f ms, RSS %.0f MB (%.1f KB/track),"
            + " setup %.0f ms/peer, generator %.2f cores", target, publishers, subscriptions, deliveredPps,
        deliveredMbps, offeredPps, serverCores, ppsPerCore(), lossPercent, p50Millis, p99Millis, maxMillis,
        serverRssMb, rssPerTrackKb, setupMillis, generatorCores);
  }
}
