package dev.switchboard.medianode.media.transport;

import dev.switchboard.medianode.media.forward.MediaEndpoint;
import dev.switchboard.medianode.media.forward.MediaListener;
import dev.switchboard.medianode.media.forward.RtpOutput;
import dev.switchboard.webrtc.dtls.DtlsCertificate;
import dev.switchboard.webrtc.dtls.DtlsRole;
import dev.switchboard.webrtc.dtls.Fingerprint;
import dev.switchboard.webrtc.ice.BindingOutcome;
import dev.switchboard.webrtc.ice.ConsentTracker;
import dev.switchboard.webrtc.ice.IceCredentials;
import dev.switchboard.webrtc.ice.IceLiteResponder;
import dev.switchboard.webrtc.srtp.SrtpResult;
import dev.switchboard.webrtc.srtp.SrtpSession;
import dev.switchboard.webrtc.stun.StunMessage;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The transport of one WebRtcEndpoint on the shared port: answers ICE checks as a lite agent
 * (RFC 8445 §7.3, consent per RFC 7675), selects the pair the browser nominates, runs DTLS
 * (RFC 5764 §4) through {@link DtlsLink}, and protects and unprotects SRTP/SRTCP (RFC 3711) for
 * the forwarding core. Media thread only, except what {@link DtlsLink} hands over through
 * {@link MediaLoop#execute}.
 */
public final class EndpointTransport implements RtpOutput {
  private final IceCredentials local;
  private final MediaLoop loop;
  private final MediaCounters counters;
  private final MediaListener listener;
  private final InetSocketAddress announced;
  private final DtlsLink dtls;
  private final String remoteUfrag;
  private ConsentTracker consent;
  private final List<InetSocketAddress> addresses = new ArrayList<>();
  private MediaEndpoint media;
  private InetSocketAddress selected;
  private SrtpSession srtp;
  private boolean connected;
  private boolean closed;
  private Runnable connectedHook = () -> { };

  public EndpointTransport(String name, IceCredentials local, String remoteUfrag, DtlsRole role, DtlsCertificate certificate,
      Fingerprint remoteFingerprint, MediaLoop loop, MediaCounters counters, MediaListener listener,
      InetSocketAddress announced) {
    this.local = local;
    this.dtls = new DtlsLink(name, role, certificate, remoteFingerprint, loop);
    this.dtls.onOutcome(this::onDtlsConnected, this::onDtlsFailed);
    this.loop = loop;
    this.counters = counters;
    this.listener = listener;
    this.announced = announced;
    this.remoteUfrag = remoteUfrag;
  }

  public void attach(MediaEndpoint media) {
    this.media = media;
  }

  /** Runs on the media thread once SRTP can flow (the forwarding graph asks sources for keyframes then). */
  public void onConnected(Runnable hook) {
    this.connectedHook = hook;
  }

  public MediaEndpoint media() {
    return media;
  }

  String localUfrag() {
    return local.ufrag();
  }

  List<InetSocketAddress> addresses() {
    return addresses;
  }

  void rememberAddress(InetSocketAddress address) {
    addresses.add(address);
  }

  void forgetAddress(InetSocketAddress address) {
    addresses.remove(address);
    if (address.equals(selected)) {
      selected = null;
    }
  }

  /** A STUN Binding request addressed to our ufrag (RFC 8445 §7.3). */
  void onStun(TransportRegistry registry, StunMessage message, byte[] buf, int len, InetSocketAddress from,
      long now) {
    BindingOutcome outcome = IceLiteResponder.respond(local, remoteUfrag, message, buf, 0, len, from);
    switch (outcome) {
      case BindingOutcome.Answered answered -> {
        if (!registry.bind(from, this)) {
          counters.drop(DropReason.TOO_MANY_ADDRESSES);
          return;
        }
        send(answered.response(), from);
        counters.count(MediaCounters.Traffic.STUN_ANSWERED);
        if (consent == null) {
          consent = new ConsentTracker(instant(now));
        } else {
          consent.onRequestReceived(instant(now));
        }
        if (selected == null) {
          listener.iceStateChanged("CONNECTING");
        }
        // Regular nomination (RFC 8445 §8.1.1): the controlling browser marks its choice with
        // USE-CANDIDATE; before that, the first working pair carries media so DTLS can start.
        if (selected == null || (answered.useCandidate() && !from.equals(selected))) {
          select(from);
        }
      }
      case BindingOutcome.Rejected rejected -> {
        send(rejected.errorResponse(), from);
        counters.drop(DropReason.STUN_REJECTED);
      }
      case BindingOutcome.Dropped dropped -> counters.drop(DropReason.STUN_REJECTED);
    }
  }

  private void select(InetSocketAddress address) {
    boolean first = selected == null;
    selected = address;
    dtls.setPeer(address);
    listener.candidatePairSelected(announced, address);
    if (first) {
      listener.iceStateChanged("CONNECTED");
      dtls.onIceConnected();
      if (srtp != null && !connected) {
        // Consent came back after it had lapsed: DTLS keys are still valid, media resumes.
        connected = true;
        listener.connectionChanged(true);
        listener.iceStateChanged("READY");
      }
    }
  }

  /**
   * DTLS records before the handshake ends are unauthenticated, and one forged record can stall
   * BouncyCastle's handshake, so only the selected pair's address may feed it.
   */
  void onDtls(byte[] buf, int len, InetSocketAddress from) {
    if (!from.equals(selected) && !dtls.started() && addresses.contains(from)) {
      // The browser starts DTLS on the pair it found writable first, which may not be the one
      // whose check reached us first; before the handshake begins, follow it.
      select(from);
    }
    if (!from.equals(selected)) {
      counters.drop(DropReason.DTLS_NOT_EXPECTED);
      return;
    }
    if (!dtls.offer(buf, 0, len)) {
      // A failed handshake closes the association: later records are unexpected, not congestion.
      counters.drop(dtls.closed() ? DropReason.DTLS_NOT_EXPECTED : DropReason.DTLS_QUEUE_FULL);
    }
  }

  /** DTLS finished: keys are known, SRTP may flow (called on the media thread). */
  void onDtlsConnected(SrtpSession session) {
    if (closed) {
      return;
    }
    srtp = session;
    connected = true;
    listener.connectionChanged(true);
    listener.iceStateChanged("READY");
    connectedHook.run();
  }

  /** DTLS failed: the endpoint stays without media, as KMS leaves it. */
  void onDtlsFailed() {
    if (!closed) {
      listener.iceStateChanged("FAILED");
    }
  }

  /** Unprotects an SRTP packet in place; the plaintext length, or -1 after counting the drop. */
  int unprotectRtp(byte[] buf, int len) {
    if (srtp == null) {
      counters.drop(DropReason.SRTP_NOT_READY);
      return -1;
    }
    return check(srtp.unprotectRtp(buf, 0, len));
  }

  int unprotectRtcp(byte[] buf, int len) {
    if (srtp == null) {
      counters.drop(DropReason.SRTP_NOT_READY);
      return -1;
    }
    return check(srtp.unprotectRtcp(buf, 0, len));
  }

  private int check(int result) {
    if (result >= 0) {
      return result;
    }
    counters.drop(switch (result) {
      case SrtpResult.REPLAYED -> DropReason.SRTP_REPLAYED;
      case SrtpResult.AUTH_FAILED -> DropReason.SRTP_AUTH_FAILED;
      default -> DropReason.SRTP_MALFORMED;
    });
    return -1;
  }

  @Override
  public boolean ready() {
    return srtp != null && selected != null && !closed;
  }

  @Override
  public int sendRtp(byte[] buf, int off, int len) {
    int n = srtp.protectRtp(buf, off, len);
    if (n <= 0) {
      return -1;
    }
    send(buf, off, n, selected);
    return n;
  }

  @Override
  public void resendProtected(byte[] buf, int off, int len) {
    send(buf, off, len, selected);
  }

  @Override
  public void sendRtcp(byte[] buf, int off, int len) {
    int n = srtp.protectRtcp(buf, off, len);
    if (n > 0) {
      send(buf, off, n, selected);
      counters.count(MediaCounters.Traffic.RTCP_OUT);
    }
  }

  private void send(byte[] datagram, InetSocketAddress to) {
    send(datagram, 0, datagram.length, to);
  }

  private void send(byte[] buf, int off, int len, InetSocketAddress to) {
    loop.send(ByteBuffer.wrap(buf, off, len), to);
  }

  /** Consent freshness (RFC 7675 §5.1): without checks for 30 s the pair is dead. */
  public void tick(long now) {
    if (selected != null && consent != null && consent.expired(instant(now))) {
      selected = null;
      listener.iceStateChanged("FAILED");
      if (connected) {
        connected = false;
        listener.connectionChanged(false);
      }
    }
  }

  /** The media thread's monotonic nanoseconds as an Instant: only differences matter to consent. */
  private static Instant instant(long nanos) {
    return Instant.ofEpochSecond(0, nanos);
  }

  public boolean connected() {
    return connected;
  }

  public void close() {
    closed = true;
    dtls.close();
  }
}
