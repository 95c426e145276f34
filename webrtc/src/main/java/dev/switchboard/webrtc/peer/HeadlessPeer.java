package dev.switchboard.webrtc.peer;

import dev.switchboard.webrtc.dtls.DtlsCertificate;
import dev.switchboard.webrtc.dtls.DtlsHandshake;
import dev.switchboard.webrtc.dtls.DtlsHandshakeException;
import dev.switchboard.webrtc.dtls.DtlsPacketTransport;
import dev.switchboard.webrtc.dtls.DtlsResult;
import dev.switchboard.webrtc.dtls.DtlsRole;
import dev.switchboard.webrtc.ice.IceCandidate;
import dev.switchboard.webrtc.ice.IceControllingChecker;
import dev.switchboard.webrtc.ice.IceCredentials;
import dev.switchboard.webrtc.ice.IceUsername;
import dev.switchboard.webrtc.rtcp.RtcpScanner;
import dev.switchboard.webrtc.rtp.RtpHeader;
import dev.switchboard.webrtc.sdp.AnswerOptions;
import dev.switchboard.webrtc.sdp.LocalOffer;
import dev.switchboard.webrtc.sdp.MediaDescription;
import dev.switchboard.webrtc.sdp.MediaKind;
import dev.switchboard.webrtc.sdp.NegotiatedMedia;
import dev.switchboard.webrtc.sdp.NegotiatedSession;
import dev.switchboard.webrtc.sdp.OfferOptions;
import dev.switchboard.webrtc.sdp.SdpAnswerer;
import dev.switchboard.webrtc.sdp.SdpOfferer;
import dev.switchboard.webrtc.sdp.SessionDescription;
import dev.switchboard.webrtc.srtp.SrtpProfile;
import dev.switchboard.webrtc.srtp.SrtpSession;
import dev.switchboard.webrtc.stun.StunClass;
import dev.switchboard.webrtc.stun.StunDecoder;
import dev.switchboard.webrtc.stun.StunIntegrity;
import dev.switchboard.webrtc.stun.StunMessage;
import dev.switchboard.webrtc.stun.StunParseException;
import dev.switchboard.webrtc.stun.StunWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A WebRTC peer without a browser, in the client role: offers like a browser, runs ICE as the
 * controlling agent (RFC 8445 §7.2.5.2, regular nomination with USE-CANDIDATE), DTLS in the role
 * the answer leaves us (RFC 5763 §5: client when the SFU answers passive, server when it answers
 * active, as Janus does) and SRTP; sends synthetic RTP and counts what it receives. It can also
 * answer an SFU's offer ({@link #acceptOffer}, Janus's subscribers): then it is an ICE-lite agent
 * that answers the SFU's checks and the DTLS server. It answers connectivity checks in both roles,
 * so full ICE agents (Janus) see their own checks succeed. Used by tests and the load generator.
 *
 * <p>Threading: one receive thread per peer, or a shared {@link PeerReceivers}; {@link #send} may
 * be called from any thread (it is synchronised, because the SRTP sender state is not
 * thread-safe).
 */
public final class HeadlessPeer implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Clock CLOCK = Clock.systemUTC();
  private static final long CHECK_INTERVAL_MILLIS = 50;
  private static final long CONSENT_INTERVAL_MILLIS = 2_000;

  private final PeerOptions options;
  private final DatagramChannel channel;
  private final IceCredentials ice = IceCredentials.random();
  private final DtlsCertificate certificate = DtlsCertificate.generateEcdsaP256(CLOCK);
  private final PeerStats stats = new PeerStats();
  private final String cname = UUID.randomUUID().toString();
  private final DtlsPacketTransport dtls;
  private final Thread receiver;
  private final RtpHeader rxHeader = new RtpHeader();
  private final RtcpScanner rxScanner = new RtcpScanner();
  private LocalOffer offer;
  private NegotiatedSession negotiated;
  private volatile boolean answerer;
  private final List<InetSocketAddress> remoteCandidates = new ArrayList<>();
  private volatile IceControllingChecker checker;
  private volatile InetSocketAddress remote;
  private volatile SrtpSession srtp;
  private volatile SrtpProfile srtpProfile;
  private volatile boolean closed;
  private volatile Set<Long> announcedSsrcs = Set.of();
  private int audioPayloadType = -1;
  private int videoPayloadType = -1;
  private Thread consent;

  private HeadlessPeer(PeerOptions options, PeerReceivers receivers) throws IOException {
    this.options = options;
    this.channel = DatagramChannel.open();
    // A subscriber of many streams gets bursts (keyframes); the kernel caps this at rmem_max.
    channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
    channel.bind(new InetSocketAddress(options.bindAddress(), 0));
    this.dtls = new DtlsPacketTransport(this::sendRaw);
    if (receivers == null) {
      this.receiver = Thread.ofPlatform().daemon(true).name("peer-rx-" + port()).start(this::receiveLoop);
    } else {
      this.receiver = null;
      receivers.register(channel, this::onDatagram);
    }
  }

  public static HeadlessPeer create(PeerOptions options) {
    return create(options, null);
  }

  /** A peer whose socket is read by {@code receivers} (shared with other peers) instead of its own thread. */
  public static HeadlessPeer create(PeerOptions options, PeerReceivers receivers) {
    try {
      return new HeadlessPeer(options, receivers);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind a UDP socket on " + options.bindAddress(), e);
    }
  }

  public int port() {
    try {
      return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Our SDP offer, as a browser's {@code createOffer} would give it, with our one host candidate. */
  public String createOffer() {
    IceCandidate candidate = IceCandidate.host("1", options.bindAddress(), port(), 65535);
    offer = SdpOfferer.createOffer(new OfferOptions(ice, certificate.fingerprint(), List.of(candidate),
        options.audio(), options.video(), options.receive(), options.send(), 0, 0, cname, cname, RANDOM));
    return offer.sdp().format();
  }

  /** Applies the SFU's answer: codecs, SSRCs, ICE credentials, fingerprint and its candidates. */
  public void acceptAnswer(String answerSdp) {
    if (offer == null) {
      throw new IllegalStateException("createOffer first");
    }
    SessionDescription answer = SessionDescription.parse(answerSdp);
    negotiated = SdpOfferer.acceptAnswer(offer, answer);
    applyNegotiated(answer);
  }

  /**
   * Answers an SFU's offer (Janus sends one to each subscriber): recvonly or sendonly as our
   * options say, ICE-lite, DTLS server ({@code setup:passive}), our one host candidate. Then call
   * {@link #connect()}, which waits for the SFU's connectivity checks.
   */
  public String acceptOffer(String offerSdp) {
    SessionDescription remoteOffer = SessionDescription.parse(offerSdp);
    IceCandidate candidate = IceCandidate.host("1", options.bindAddress(), port(), 65535);
    negotiated = SdpAnswerer.answer(remoteOffer, new AnswerOptions(ice, certificate.fingerprint(), List.of(candidate),
        options.receive(), options.send(), false, 0, 0, cname, cname, RANDOM));
    answerer = true;
    applyNegotiated(remoteOffer);
    return negotiated.sdp();
  }

  private void applyNegotiated(SessionDescription remoteDescription) {
    Set<Long> ssrcs = new HashSet<>();
    for (NegotiatedMedia m : negotiated.media()) {
      ssrcs.addAll(m.remoteSsrcs());
      if (!m.rejected() && !m.codecs().isEmpty()) {
        if (m.kind() == MediaKind.AUDIO) {
          audioPayloadType = m.codecs().getFirst().payloadType();
        } else if (m.kind() == MediaKind.VIDEO) {
          videoPayloadType = m.codecs().getFirst().payloadType();
        }
      }
    }
    announcedSsrcs = Set.copyOf(ssrcs);
    for (MediaDescription m : remoteDescription.media()) {
      for (String value : m.attributes("candidate")) {
        addRemoteCandidate(IceCandidate.parse(value));
      }
    }
  }

  /** A trickled remote candidate (Kurento's IceCandidateFound); only UDP ones are used. */
  public synchronized void addRemoteCandidate(IceCandidate candidate) {
    if (!candidate.transport().equalsIgnoreCase("udp") || candidate.address().endsWith(".local")) {
      return;
    }
    InetSocketAddress address = new InetSocketAddress(candidate.address(), candidate.port());
    if (!remoteCandidates.contains(address)) {
      remoteCandidates.add(address);
    }
  }

  /**
   * Runs ICE (checks every 50 ms to every remote candidate until one answers) and then the DTLS
   * client handshake; blocks until SRTP is ready.
   *
   * @throws IllegalStateException on timeout or handshake failure, with the reason
   */
  public void connect() {
    if (negotiated == null) {
      throw new IllegalStateException("acceptAnswer or acceptOffer first");
    }
    long deadline = System.nanoTime() + options.connectTimeout().toNanos();
    if (answerer) {
      // As the ICE-lite side we only answer: the SFU's first valid check gives the path.
      while (remote == null) {
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException("no connectivity check from the offerer within " + options.connectTimeout());
        }
        sleep(CHECK_INTERVAL_MILLIS / 5);
      }
    } else {
      checker = new IceControllingChecker(ice, negotiated.remoteIce(),
          IceCandidate.priority(IceCandidate.HOST_TYPE_PREFERENCE, 65535, 1), true);
      while (remote == null) {
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException("ICE did not connect within " + options.connectTimeout()
              + " to any of " + candidates());
        }
        for (InetSocketAddress candidate : candidates()) {
          sendRaw(nextCheck(), candidate);
        }
        sleep(CHECK_INTERVAL_MILLIS);
      }
      consent = Thread.ofVirtual().name("peer-consent").start(this::consentLoop);
    }
    // Our answer said passive, or the SFU's answer said active: then we are the DTLS server.
    DtlsRole role = answerer || "active".equals(negotiated.remoteSetup()) ? DtlsRole.SERVER : DtlsRole.CLIENT;
    DtlsResult result;
    try {
      long left = Math.max(1_000_000, deadline - System.nanoTime());
      result = new DtlsHandshake(CLOCK).run(role, certificate, negotiated.remoteFingerprint(), dtls,
          SrtpProfile.DEFAULT_PREFERENCE,
          java.time.Duration.ofNanos(left));
    } catch (DtlsHandshakeException e) {
      throw new IllegalStateException("DTLS failed: " + e.getMessage(), e);
    }
    srtpProfile = result.srtpKeyMaterial().profile();
    srtp = SrtpSession.create(result.srtpKeyMaterial(), role == DtlsRole.CLIENT);
  }

  /** The SRTP protection profile DTLS agreed on, or null before {@link #connect()} succeeded. */
  public SrtpProfile srtpProfile() {
    return srtpProfile;
  }

  private synchronized List<InetSocketAddress> candidates() {
    return List.copyOf(remoteCandidates);
  }

  /**
   * The checker is confined to one thread, but checks go out from {@link #connect} and the consent
   * loop while responses arrive on the receivers' selector thread: its monitor makes them take turns
   * (without it, a response removing a transaction while a check was added broke a connect).
   */
  private byte[] nextCheck() {
    IceControllingChecker c = checker;
    synchronized (c) {
      return c.nextRequest(Instant.now());
    }
  }

  /** Consent freshness (RFC 7675 §5.1): keep checking the selected pair so the SFU keeps it. */
  private void consentLoop() {
    while (!closed) {
      try {
        Thread.sleep(CONSENT_INTERVAL_MILLIS);
      } catch (InterruptedException e) {
        return; // closed
      }
      InetSocketAddress to = remote;
      if (to != null && !closed) {
        sendRaw(nextCheck(), to);
      }
    }
  }

  public boolean connected() {
    return srtp != null;
  }

  public NegotiatedSession negotiated() {
    return negotiated;
  }

  /** The payload type the answer kept for {@code kind}, or -1. */
  public int payloadType(MediaKind kind) {
    return kind == MediaKind.AUDIO ? audioPayloadType : videoPayloadType;
  }

  /** The SSRC we announced for sending {@code kind}, or 0. */
  public long localSsrc(MediaKind kind) {
    for (NegotiatedMedia m : negotiated.media()) {
      if (m.kind() == kind && !m.rejected()) {
        return m.localSsrc();
      }
    }
    return 0;
  }

  /** A synthetic stream with our announced SSRC and the negotiated payload type for {@code kind}. */
  public SyntheticStream stream(MediaKind kind, int payloadBytes) {
    int step = kind == MediaKind.AUDIO ? 960 : 3000;
    return new SyntheticStream(localSsrc(kind), payloadType(kind), payloadBytes, step, RANDOM.nextInt(1 << 16));
  }

  /**
   * Protects and sends one RTP or RTCP packet built in {@code buf[0..len)}; {@code buf} needs 16
   * spare bytes for the auth tag. Returns false when not connected or protection failed.
   */
  public synchronized boolean send(byte[] buf, int len, boolean rtcp) {
    SrtpSession session = srtp;
    InetSocketAddress to = remote;
    if (session == null || to == null || closed) {
      return false;
    }
    int n = rtcp ? session.protectRtcp(buf, 0, len) : session.protectRtp(buf, 0, len);
    if (n < 0) {
      return false;
    }
    sendRaw(buf, 0, n, to);
    return true;
  }

  public PeerStats stats() {
    return stats;
  }

  private void sendRaw(byte[] buf, InetSocketAddress to) {
    sendRaw(buf, 0, buf.length, to);
  }

  private void sendRaw(byte[] buf, int off, int len) {
    InetSocketAddress to = remote;
    if (to != null) {
      sendRaw(buf, off, len, to);
    }
  }

  private void sendRaw(byte[] buf, int off, int len, InetSocketAddress to) {
    try {
      channel.send(ByteBuffer.wrap(buf, off, len), to);
    } catch (ClosedChannelException e) {
      // closing
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void receiveLoop() {
    byte[] buf = new byte[2048];
    ByteBuffer view = ByteBuffer.wrap(buf);
    while (!closed) {
      InetSocketAddress from;
      try {
        view.clear();
        from = (InetSocketAddress) channel.receive(view);
      } catch (IOException e) {
        return;
      }
      onDatagram(buf, view.position(), from);
    }
  }

  /** Demultiplexes one datagram (RFC 7983 §7); runs on our receive thread or a shared {@link PeerReceivers}. */
  private void onDatagram(byte[] buf, int len, InetSocketAddress from) {
    int first = len > 0 ? buf[0] & 0xFF : -1;
    if (first >= 0 && first <= 3) {
      if (StunDecoder.looksLikeStun(buf, 0, len) && (buf[0] & 0x01) == 0 && (buf[1] & 0x10) == 0) {
        answerCheck(buf, len, from); // class bits 00: a request
        return;
      }
      IceControllingChecker c = checker;
      boolean valid;
      if (c != null) {
        synchronized (c) { // see nextCheck
          valid = c.onResponse(buf, 0, len);
        }
        if (valid && remote == null) {
          remote = from;
        }
      }
    } else if (first >= 20 && first <= 63) {
      dtls.offer(buf, 0, len);
    } else if (first >= 128 && first <= 191) {
      onSrtp(buf, len, rxHeader, rxScanner);
    }
  }

  /**
   * Answers a full ICE agent's Binding request (RFC 8445 §7.3) signed with our password. Roles are
   * not checked: as offerer we are controlling and the SFU controlled, as answerer we said
   * ice-lite and the SFU controls, so no conflict can arise with the SFUs we talk to.
   */
  private void answerCheck(byte[] buf, int len, InetSocketAddress from) {
    StunMessage request;
    try {
      request = StunDecoder.decode(buf, 0, len);
    } catch (StunParseException e) {
      return;
    }
    String username = request.username();
    if (!request.isBinding(StunClass.REQUEST) || username == null || !request.hasMessageIntegrity()
        || !ice.ufrag().equals(IceUsername.localUfrag(username))) {
      return;
    }
    byte[] key = StunIntegrity.shortTermKey(ice.pwd());
    if (!StunIntegrity.verifyMessageIntegrity(buf, 0, len, key)) {
      return;
    }
    sendRaw(StunWriter.response(request.transactionId()).xorMappedAddress(from).build(key, true), from);
    if (answerer && (remote == null || request.useCandidate())) {
      remote = from;
    }
  }

  private void onSrtp(byte[] buf, int len, RtpHeader header, RtcpScanner scanner) {
    SrtpSession session = srtp;
    if (session == null || len < 2) {
      return;
    }
    int pt = buf[1] & 0xFF;
    if (pt >= 192 && pt <= 223) {
      int n = session.unprotectRtcp(buf, 0, len);
      if (n < 0) {
        stats.srtpFailures.incrementAndGet();
        return;
      }
      stats.rtcpPackets.incrementAndGet();
      RtcpFeedback.count(scanner, buf, n, stats);
      return;
    }
    int n = session.unprotectRtp(buf, 0, len);
    if (n < 0) {
      stats.srtpFailures.incrementAndGet();
      return;
    }
    if (!header.parse(buf, 0, n)) {
      return;
    }
    Set<Long> announced = announcedSsrcs;
    if (!announced.isEmpty() && !announced.contains(header.ssrc())) {
      stats.unexpectedSsrcs.incrementAndGet();
    }
    int type = header.payloadType();
    stats.rtpArrived(System.nanoTime());
    if (type == audioPayloadType) {
      stats.audioPackets.incrementAndGet();
    } else if (type == videoPayloadType) {
      stats.videoPackets.incrementAndGet();
    } else {
      stats.otherPackets.incrementAndGet();
    }
    long sent = SyntheticStream.stampOf(buf, header.payloadOffset(), header.payloadLength());
    if (sent > 0) {
      stats.stamped(sent, System.nanoTime());
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public void close() {
    closed = true;
    dtls.close();
    try {
      channel.close();
    } catch (IOException e) {
      // nothing left to do
    }
    if (consent != null) {
      consent.interrupt();
    }
    try {
      if (receiver != null) {
        receiver.join(2_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
