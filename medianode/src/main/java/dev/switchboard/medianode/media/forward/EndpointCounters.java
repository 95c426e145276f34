package dev.switchboard.medianode.media.forward;

/** Reads and acts on one endpoint's forwarding state from outside the forward package; media thread only. */
public final class EndpointCounters {
  private EndpointCounters() {
  }

  public static long packetsReceived(MediaEndpoint e) {
    long n = 0;
    for (InboundStream in : e.inbound) {
      n += in == null ? 0 : in.packets;
    }
    return n;
  }

  public static long packetsSent(MediaEndpoint e) {
    long n = 0;
    for (OutboundStream out : e.outbound) {
      n += out == null ? 0 : out.packets;
    }
    return n;
  }

  public static long keyframeRequests(MediaEndpoint e) {
    long n = 0;
    for (InboundStream in : e.inbound) {
      n += in == null ? 0 : in.keyframeRequests;
    }
    return n;
  }

  /** Kurento's requestKeyframe on a publisher endpoint: PLI for its video now (or when allowed). */
  public static void requestKeyframe(MediaEndpoint e, KeyframeRequester keyframes, long now) {
    for (InboundStream in : e.inbound) {
      if (in != null) {
        keyframes.request(in, now);
      }
    }
  }
}
