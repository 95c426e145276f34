package dev.switchboard.loadtest;

import dev.switchboard.webrtc.peer.HeadlessPeer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Janus's VideoRoom as a forwarding target: a {@link JanusHarness}, one API session, one room created
 * through the API (VP8 and Opus, a 10 Mbit/s cap so Janus never asks our publishers to slow down),
 * a handle per peer. Publishers {@code joinandconfigure} with our offer and take Janus's answer;
 * subscribers {@code join} with one stream, answer Janus's offer and {@code start}. Confined to the
 * scenario's thread.
 */
final class JanusTarget implements ForwardTarget {
  private static final String VIDEOROOM = "janus.plugin.videoroom";
  private static final Duration REPLY_LIMIT = Duration.ofSeconds(15);
  private static final int ROOM_BITRATE = 10_000_000;
  private static final int MAX_PUBLISHERS = 1_000;

  private final JanusHarness harness;
  private final JanusClient client;
  private final InetAddress peerAddress;
  private final long room;
  private final AtomicInteger joined = new AtomicInteger();

  private record Publisher(long id) implements Feed {
  }

  private JanusTarget(JanusHarness harness) throws UnknownHostException {
    this.harness = harness;
    this.peerAddress = InetAddress.getByName(harness.hostAddress());
    this.client = JanusClient.connect(harness.apiUrl());
    long admin = client.attach(VIDEOROOM);
    ObjectNode create = JanusClient.object();
    create.put("request", "create");
    create.put("publishers", MAX_PUBLISHERS);
    create.put("bitrate", ROOM_BITRATE);
    create.put("audiocodec", "opus");
    create.put("videocodec", "vp8");
    create.put("fir_freq", 0);
    create.put("notify_joining", false);
    JsonNode created = client.call(admin, create, null, REPLY_LIMIT);
    this.room = created.path("plugindata").path("data").path("room").asLong();
  }

  static JanusTarget start() throws IOException, InterruptedException {
    JanusHarness harness = JanusHarness.start();
    try {
      return new JanusTarget(harness);
    } catch (RuntimeException | IOException e) {
      harness.close();
      throw e;
    }
  }

  @Override
  public String name() {
    return "janus";
  }

  @Override
  public long serverPid() {
    return harness.pid();
  }

  @Override
  public InetAddress peerAddress() {
    return peerAddress;
  }

  @Override
  public Feed publish(HeadlessPeer publisher) {
    long handle = client.attach(VIDEOROOM);
    ObjectNode join = JanusClient.object();
    join.put("request", "joinandconfigure");
    join.put("room", room);
    join.put("ptype", "publisher");
    join.put("display", "pub-" + joined.incrementAndGet());
    JsonNode reply = client.call(handle, join, JanusClient.jsep("offer", publisher.createOffer()), REPLY_LIMIT);
    String answer = reply.path("jsep").path("sdp").asString();
    if (answer.isEmpty()) {
      throw new IllegalStateException("janus sent no answer to a publisher: " + reply);
    }
    publisher.acceptAnswer(answer);
    publisher.connect();
    return new Publisher(reply.path("plugindata").path("data").path("id").asLong());
  }

  @Override
  public void subscribe(Feed feed, HeadlessPeer subscriber) {
    long handle = client.attach(VIDEOROOM);
    ObjectNode join = JanusClient.object();
    join.put("request", "join");
    join.put("room", room);
    join.put("ptype", "subscriber");
    join.putArray("streams").addObject().put("feed", ((Publisher) feed).id());
    JsonNode attached = client.call(handle, join, null, REPLY_LIMIT);
    String offer = attached.path("jsep").path("sdp").asString();
    if (offer.isEmpty()) {
      throw new IllegalStateException("janus sent no offer to a subscriber: " + attached);
    }
    String answer = subscriber.acceptOffer(offer);
    ObjectNode start = JanusClient.object();
    start.put("request", "start");
    client.call(handle, start, JanusClient.jsep("answer", answer), REPLY_LIMIT);
    subscriber.connect();
  }

  @Override
  public String notes() {
    Map<String, Long> counts = new TreeMap<>();
    client.eventCounts().forEach((k, v) -> counts.put(k, v.get()));
    return "janus events " + counts + "; " + harness.logProblems();
  }

  @Override
  public void close() {
    try {
      client.close();
    } finally {
      harness.close();
    }
  }
}
