package dev.switchboard.medianode.media;

import dev.switchboard.medianode.media.forward.EndpointCounters;
import dev.switchboard.medianode.media.forward.FlowMonitor;
import dev.switchboard.medianode.media.forward.Forwarder;
import dev.switchboard.medianode.media.forward.ForwardingGraph;
import dev.switchboard.medianode.media.forward.KeyframeRequester;
import dev.switchboard.medianode.media.forward.MediaEndpoint;
import dev.switchboard.medianode.media.forward.MediaListener;
import dev.switchboard.medianode.media.forward.ReportScheduler;
import dev.switchboard.medianode.media.forward.RtcpTerminator;
import dev.switchboard.medianode.media.transport.EndpointTransport;
import dev.switchboard.medianode.media.transport.MediaCounters;
import dev.switchboard.medianode.media.transport.MediaLoop;
import dev.switchboard.medianode.media.transport.PacketRouter;
import dev.switchboard.medianode.media.transport.TransportRegistry;
import dev.switchboard.webrtc.dtls.DtlsCertificate;
import dev.switchboard.webrtc.dtls.DtlsRole;
import dev.switchboard.webrtc.ice.IceCredentials;
import dev.switchboard.webrtc.sdp.MediaKind;
import dev.switchboard.webrtc.sdp.NegotiatedSession;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The medianode's media plane seen from the control thread: opens and closes endpoint transports
 * on the shared UDP port and changes the forwarding graph. Every method posts to the media thread
 * and returns at once, so the control plane never waits on media and media never waits on control.
 */
public final class MediaPlane implements AutoCloseable {
  private static final long CONSENT_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  private final MediaLoop loop;
  private final DtlsCertificate certificate;
  private final MediaCounters counters = new MediaCounters();
  private final TransportRegistry registry = new TransportRegistry();
  private final KeyframeRequester keyframes = new KeyframeRequester(counters);
  private final Forwarder forwarder = new Forwarder(counters, keyframes);
  private final ForwardingGraph graph = new ForwardingGraph(counters, keyframes);
  private final FlowMonitor flow = new FlowMonitor();
  private final ReportScheduler reports;
  private final Map<EndpointTransport, Long> nextReport = new HashMap<>();
  private final AtomicLong rtcpSsrcs = new AtomicLong();
  private volatile InetSocketAddress announced;
  /** Endpoints with a live transport: written on the media thread, read by the metrics scrape without waiting for it. */
  private volatile int liveTransports;
  private long nextConsentCheck;

  private MediaPlane(MediaLoop loop, DtlsCertificate certificate, long wallMillis) {
    this.loop = loop;
    this.certificate = certificate;
    this.reports = new ReportScheduler(wallMillis, loop.nanoTime(), counters);
    loop.setHandler(new PacketRouter(registry, counters, forwarder, new RtcpTerminator(counters, forwarder, keyframes),
        loop::nanoTime));
    loop.setTicker(this::tick);
  }

  /** Binds the shared UDP port and starts the media thread. */
  public static MediaPlane start(InetSocketAddress bind, DtlsCertificate certificate, LongSupplier nanoTime,
      long wallMillis) throws IOException {
    return new MediaPlane(MediaLoop.bind(bind, nanoTime), certificate, wallMillis);
  }

  public int port() {
    return loop.port();
  }

  /** The address our host candidate announces, reported as the local side of selected pairs. */
  public void setAnnounced(InetSocketAddress address) {
    this.announced = address;
  }

  public MediaCounters counters() {
    return counters;
  }

  /**
   * Starts the transport of a negotiated endpoint: ICE checks for {@code local.ufrag()} are answered
   * from now on. {@code weOffered} decides the DTLS role with the remote {@code a=setup}
   * (RFC 5763 §5: the answerer's choice wins; we answer passive, so we are the server then).
   */
  public EndpointMedia open(String name, IceCredentials local, NegotiatedSession negotiated, boolean weOffered,
      MediaListener listener, long rembBitrate, String cname) {
    DtlsRole role = weOffered && negotiated.remoteSetup().equals("passive") ? DtlsRole.CLIENT : DtlsRole.SERVER;
    EndpointTransport transport = new EndpointTransport(name, local, negotiated.remoteIce().ufrag(), role, certificate,
        negotiated.remoteFingerprint(), loop, counters, listener, announcedOrBind());
    long rtcpSsrc = 0x5B000000L + (rtcpSsrcs.incrementAndGet() & 0xFFFFFF);
    MediaEndpoint media = new MediaEndpoint(name, negotiated, transport, listener, rtcpSsrc, cname, rembBitrate);
    transport.attach(media);
    transport.onConnected(() -> graph.sinkReady(media, loop.nanoTime()));
    loop.execute(() -> {
      registry.add(transport);
      liveTransports = registry.size();
      nextReport.put(transport, loop.nanoTime() + ReportScheduler.INTERVAL_NANOS);
    });
    return new EndpointMedia(name, transport, media);
  }

  private InetSocketAddress announcedOrBind() {
    InetSocketAddress a = announced;
    return a != null ? a : new InetSocketAddress("0.0.0.0", port());
  }

  public void link(EndpointMedia source, EndpointMedia sink, MediaKind kind) {
    loop.execute(() -> graph.link(source.media, sink.media, kind, loop.nanoTime()));
  }

  public void unlink(EndpointMedia source, EndpointMedia sink, MediaKind kind) {
    loop.execute(() -> graph.unlink(source.media, sink.media, kind));
  }

  /** Kurento's {@code requestKeyframe}: asks this endpoint's peer for a keyframe of what it sends us. */
  public void requestKeyframe(EndpointMedia endpoint) {
    loop.execute(() -> EndpointCounters.requestKeyframe(endpoint.media, keyframes, loop.nanoTime()));
  }

  /** Stops the endpoint's transport and forwarding; frees its port bindings and DTLS thread. */
  public void close(EndpointMedia endpoint) {
    loop.execute(() -> {
      graph.remove(endpoint.media);
      registry.remove(endpoint.transport);
      liveTransports = registry.size();
      nextReport.remove(endpoint.transport);
      endpoint.transport.close();
    });
  }

  /** A snapshot of the endpoint's counters (waits for the media thread, at most 5 s). */
  public EndpointStats stats(EndpointMedia endpoint) {
    return onMedia(() -> new EndpointStats(endpoint.transport.connected(),
        EndpointCounters.packetsReceived(endpoint.media), EndpointCounters.packetsSent(endpoint.media),
        EndpointCounters.keyframeRequests(endpoint.media)));
  }

  /** Endpoints with a live transport, read on the media thread. */
  public int openTransports() {
    return onMedia(registry::size);
  }

  /** Endpoints with a live transport as last published by the media thread; never waits (for metrics). */
  public int liveTransports() {
    return liveTransports;
  }

  /** Source addresses bound to endpoints by valid ICE checks, read on the media thread. */
  public int boundAddresses() {
    return onMedia(registry::boundAddresses);
  }

  private <T> T onMedia(Supplier<T> task) {
    CompletableFuture<T> result = new CompletableFuture<>();
    loop.execute(() -> result.complete(task.get()));
    try {
      return result.get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("media thread did not answer", e);
    }
  }

  private void tick(long now) {
    boolean consentDue = now - nextConsentCheck >= 0;
    if (consentDue) {
      nextConsentCheck = now + CONSENT_CHECK_NANOS;
    }
    for (EndpointTransport t : registry.all()) {
      MediaEndpoint media = t.media();
      keyframes.flushPending(media, now);
      if (consentDue) {
        t.tick(now);
        flow.check(media, now);
      }
      Long due = nextReport.get(t);
      if (due != null && now - due >= 0) {
        nextReport.put(t, now + ReportScheduler.INTERVAL_NANOS);
        reports.report(media, now);
      }
    }
  }

  @Override
  public void close() {
    loop.execute(() -> {
      for (EndpointTransport t : registry.all()) {
        t.close();
      }
    });
    loop.close();
  }
}
