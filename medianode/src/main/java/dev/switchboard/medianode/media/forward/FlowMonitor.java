package dev.switchboard.medianode.media.forward;

import java.util.concurrent.TimeUnit;

/**
 * Decides whether media flows into and out of an endpoint, per kind, for Kurento's
 * MediaFlowIn/OutStateChanged: flowing while packets arrive or leave, not flowing after
 * {@value #QUIET_MILLIS} ms without one (KMS uses a similar quiet period). Media thread only.
 */
public final class FlowMonitor {
  static final long QUIET_MILLIS = 2000;
  private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS);

  public void check(MediaEndpoint endpoint, long now) {
    for (InboundStream in : endpoint.inbound) {
      if (in != null) {
        boolean flowing = recent(in.lastPacketNanos, now);
        if (flowing != in.flowing) {
          in.flowing = flowing;
          endpoint.listener.flowInChanged(in.kind, flowing);
        }
      }
    }
    for (OutboundStream out : endpoint.outbound) {
      if (out != null) {
        boolean flowing = recent(out.lastSendNanos, now);
        if (flowing != out.flowing) {
          out.flowing = flowing;
          endpoint.listener.flowOutChanged(out.kind, flowing);
        }
      }
    }
  }

  private static boolean recent(long at, long now) {
    return at != Long.MIN_VALUE && now - at < QUIET_NANOS;
  }
}
