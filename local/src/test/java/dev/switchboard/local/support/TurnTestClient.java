package dev.switchboard.local.support;

import dev.switchboard.webrtc.stun.StunAttribute;
import dev.switchboard.webrtc.stun.StunAttributeType;
import dev.switchboard.webrtc.stun.StunClass;
import dev.switchboard.webrtc.stun.StunDecoder;
import dev.switchboard.webrtc.stun.StunMessage;
import dev.switchboard.webrtc.stun.StunWriter;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Just enough of a TURN client (RFC 8656) over UDP to test our coturn set-up: Allocate with the
 * long-term credential mechanism (RFC 8489 §9.2: 401 with REALM and NONCE, then the request again
 * with MESSAGE-INTEGRITY under MD5(username:realm:password)), CreatePermission for a peer, and a
 * Send indication. Blocking, one thread.
 */
public final class TurnTestClient implements AutoCloseable {
  static final int METHOD_ALLOCATE = 0x003;
  static final int METHOD_CREATE_PERMISSION = 0x008;
  static final int METHOD_SEND = 0x006;
  static final int XOR_PEER_ADDRESS = 0x0012;
  static final int DATA = 0x0013;
  static final int REQUESTED_TRANSPORT = 0x0019;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What the server answered: success, or the error code. */
  public record Outcome(boolean success, Integer errorCode, String reason) {}

  /** A decoded answer and the buffer it was decoded from (attribute values are read from it). */
  private record Answer(StunMessage message, byte[] buffer) {}

  private final DatagramSocket socket;
  private final InetSocketAddress server;
  private final String username;
  private final String password;
  private String realm;
  private byte[] nonce;

  public TurnTestClient(InetSocketAddress server, String username, String password) throws IOException {
    this.socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    this.socket.setSoTimeout(3000);
    this.server = server;
    this.username = username;
    this.password = password;
  }

  /** Allocate a UDP relay: the unauthenticated request first, for the realm and nonce, then the signed one. */
  public Outcome allocate() throws IOException {
    Answer challenge = exchange(StunWriter.of(METHOD_ALLOCATE, StunClass.REQUEST, transactionId())
        .attribute(REQUESTED_TRANSPORT, new byte[] {17, 0, 0, 0}), false);
    if (challenge.message().messageClass() == StunClass.SUCCESS_RESPONSE) {
      return new Outcome(true, null, null); // a server without authentication: never ours
    }
    realm = text(challenge, StunAttributeType.REALM);
    nonce = value(challenge, StunAttributeType.NONCE);
    return outcome(exchange(StunWriter.of(METHOD_ALLOCATE, StunClass.REQUEST, transactionId())
        .attribute(REQUESTED_TRANSPORT, new byte[] {17, 0, 0, 0}), true));
  }

  /** CreatePermission for {@code peer} (after a successful {@link #allocate}). */
  public Outcome createPermission(InetSocketAddress peer) throws IOException {
    return outcome(exchange(StunWriter.of(METHOD_CREATE_PERMISSION, StunClass.REQUEST, transactionId())
        .attribute(XOR_PEER_ADDRESS, xorAddress(peer)), true));
  }

  /** A Send indication carrying {@code data} to {@code peer}; the relay forwards it if permitted. */
  public void send(InetSocketAddress peer, byte[] data) throws IOException {
    byte[] message = StunWriter.of(METHOD_SEND, StunClass.INDICATION, transactionId())
        .attribute(XOR_PEER_ADDRESS, xorAddress(peer)).attribute(DATA, data).build(null, true);
    socket.send(new DatagramPacket(message, message.length, server));
  }

  private Answer exchange(StunWriter request, boolean signed) throws IOException {
    if (signed) {
      request.username(username).attribute(StunAttributeType.REALM, realm.getBytes(StandardCharsets.UTF_8))
          .attribute(StunAttributeType.NONCE, nonce);
    }
    byte[] out = request.build(signed ? longTermKey() : null, true);
    socket.send(new DatagramPacket(out, out.length, server));
    byte[] in = new byte[2048];
    DatagramPacket packet = new DatagramPacket(in, in.length);
    try {
      socket.receive(packet);
    } catch (SocketTimeoutException e) {
      throw new IOException("no answer from the TURN server within 3 s", e);
    }
    return new Answer(StunDecoder.decode(in, 0, packet.getLength()), in);
  }

  private static Outcome outcome(Answer answer) {
    StunMessage message = answer.message();
    return message.messageClass() == StunClass.SUCCESS_RESPONSE ? new Outcome(true, null, null)
        : new Outcome(false, message.errorCode(), message.errorReason());
  }

  /** RFC 8489 §9.2.2: MD5 of username ":" realm ":" password. */
  private byte[] longTermKey() {
    try {
      return MessageDigest.getInstance("MD5")
          .digest((username + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** XOR-PEER-ADDRESS of an IPv4 peer (RFC 8656 §18.3, encoded as XOR-MAPPED-ADDRESS). */
  private static byte[] xorAddress(InetSocketAddress peer) {
    byte[] address = peer.getAddress().getAddress();
    if (address.length != 4) {
      throw new IllegalArgumentException("IPv4 peers only");
    }
    int port = peer.getPort() ^ (StunMessage.MAGIC_COOKIE >>> 16);
    byte[] value = {0, 1, (byte) (port >>> 8), (byte) port, 0, 0, 0, 0};
    for (int i = 0; i < 4; i++) {
      value[4 + i] = (byte) (address[i] ^ (StunMessage.MAGIC_COOKIE >>> (24 - 8 * i)));
    }
    return value;
  }

  private static byte[] value(Answer answer, int type) {
    StunAttribute attribute = answer.message().attribute(type);
    if (attribute == null) {
      throw new IllegalStateException("no attribute 0x" + Integer.toHexString(type) + " in " + answer.message());
    }
    return attribute.copyValue(answer.buffer());
  }

  private static String text(Answer answer, int type) {
    return new String(value(answer, type), StandardCharsets.UTF_8);
  }

  private static byte[] transactionId() {
    byte[] id = new byte[StunMessage.TRANSACTION_ID_LENGTH];
    RANDOM.nextBytes(id);
    return id;
  }

  @Override
  public void close() {
    socket.close();
  }
}
