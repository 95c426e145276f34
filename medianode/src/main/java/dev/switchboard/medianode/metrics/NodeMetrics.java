package dev.switchboard.medianode.metrics;

import dev.switchboard.medianode.media.MediaPlane;
import dev.switchboard.medianode.media.transport.DropReason;
import dev.switchboard.medianode.media.transport.MediaCounters;
import dev.switchboard.medianode.media.transport.MediaCounters.Traffic;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Renders the medianode's metrics in the Prometheus text format for {@code GET /metrics}. Every
 * figure is read from atomics and volatiles the media and control threads already keep, so a
 * scrape (on a Netty I/O thread) never posts work to those threads or waits for them.
 */
public final class NodeMetrics {
  private final MediaPlane plane;
  private final ModelGauges model;
  private final LongSupplier refusedUpgrades;
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

  public NodeMetrics(MediaPlane plane, ModelGauges model, LongSupplier refusedUpgrades) {
    this.plane = plane;
    this.model = model;
    this.refusedUpgrades = refusedUpgrades;
  }

  /** One scrape's text. */
  public String render() {
    PrometheusText text = new PrometheusText();
    MediaCounters c = plane.counters();
    text.family("medianode_pipelines", "gauge", "Kurento MediaPipelines alive on this node")
        .sample("medianode_pipelines", model.pipelines());
    text.family("medianode_endpoints", "gauge", "Kurento WebRtcEndpoints alive on this node")
        .sample("medianode_endpoints", model.endpoints());
    text.family("medianode_media_transports", "gauge", "WebRtcEndpoints with a negotiated transport on the UDP port")
        .sample("medianode_media_transports", plane.liveTransports());
    counter(text, "medianode_datagrams_received_total", "UDP datagrams read from the media port", c, Traffic.DATAGRAMS_IN);
    counter(text, "medianode_rtp_packets_received_total", "RTP packets received from publishers and accepted",
        c, Traffic.RTP_IN);
    counter(text, "medianode_rtp_bytes_received_total", "Bytes of RTP received (decrypted packets, headers included)",
        c, Traffic.RTP_BYTES_IN);
    counter(text, "medianode_rtp_packets_forwarded_total", "RTP packets sent to subscribers (one per packet and sink)",
        c, Traffic.RTP_FORWARDED);
    counter(text, "medianode_rtp_bytes_forwarded_total", "Bytes of RTP sent to subscribers (before SRTP protection)",
        c, Traffic.RTP_BYTES_FORWARDED);
    counter(text, "medianode_rtp_packets_retransmitted_total", "RTP packets resent to subscribers on their NACKs",
        c, Traffic.RTP_RETRANSMITTED);
    counter(text, "medianode_rtp_packets_lost_total",
        "RTP packets from publishers that never arrived, by sequence-number gaps (as our receiver reports say)",
        c, Traffic.RTP_LOST);
    counter(text, "medianode_rtp_packets_lost_downstream_total",
        "RTP packets sent to subscribers that they report lost (growth of the cumulative loss in their receiver reports)",
        c, Traffic.RTP_LOST_DOWNSTREAM);
    counter(text, "medianode_rtcp_packets_received_total", "RTCP compound packets received", c, Traffic.RTCP_IN);
    counter(text, "medianode_rtcp_packets_sent_total", "RTCP compound packets sent", c, Traffic.RTCP_OUT);
    counter(text, "medianode_stun_answered_total", "ICE connectivity checks answered", c, Traffic.STUN_ANSWERED);
    counter(text, "medianode_keyframe_requests_sent_total", "PLIs sent to publishers (sinks starting or asking)",
        c, Traffic.KEYFRAME_REQUESTS_SENT);
    counter(text, "medianode_keyframe_requests_received_total", "PLI and FIR received from subscribers",
        c, Traffic.KEYFRAME_REQUESTS_RECEIVED);
    text.family("medianode_packets_dropped_total", "counter",
        "Datagrams and packets discarded, by reason (hostile, malformed, unauthenticated or unexpected input)");
    for (DropReason reason : DropReason.values()) {
      text.sample("medianode_packets_dropped_total", c.drops(reason), "reason", reason.name().toLowerCase(Locale.ROOT));
    }
    text.family("medianode_websocket_upgrades_refused_total", "counter",
        "Kurento WebSocket upgrades refused for a missing or wrong secret")
        .sample("medianode_websocket_upgrades_refused_total", refusedUpgrades.getAsLong());
    jvm(text);
    return text.toString();
  }

  /** The JVM figures under the names Micrometer gives them in the api and wrapper, so one panel shows all three. */
  private void jvm(PrometheusText text) {
    text.family("jvm_memory_used_bytes", "gauge", "The amount of used memory")
        .sample("jvm_memory_used_bytes", memory.getHeapMemoryUsage().getUsed(), "area", "heap", "id", "all")
        .sample("jvm_memory_used_bytes", memory.getNonHeapMemoryUsage().getUsed(), "area", "nonheap", "id", "all");
    text.family("jvm_threads_live_threads", "gauge", "The current number of live threads")
        .sample("jvm_threads_live_threads", ManagementFactory.getThreadMXBean().getThreadCount());
    text.family("process_uptime_seconds", "gauge", "The uptime of the Java virtual machine")
        .sample("process_uptime_seconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      double load = os.getProcessCpuLoad();
      text.family("process_cpu_usage", "gauge", "The recent cpu usage for the Java Virtual Machine process")
          .sample("process_cpu_usage", load < 0 ? Double.NaN : load);
    }
  }

  private static void counter(PrometheusText text, String name, String help, MediaCounters counters, Traffic what) {
    text.family(name, "counter", help).sample(name, counters.traffic(what));
  }
}
