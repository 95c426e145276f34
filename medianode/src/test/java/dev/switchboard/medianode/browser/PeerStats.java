package dev.switchboard.medianode.browser;

import tools.jackson.databind.JsonNode;

/**
 * One snapshot of an RTCPeerConnection's getStats(), as summarised by peer.js's {@code stats()}
 * (inbound-rtp, outbound-rtp, transport and candidate-pair entries plus the connection's states).
 * Immutable.
 */
public record PeerStats(JsonNode json) {

  public long framesDecoded() {
    return inbound("video", "framesDecoded");
  }

  public long videoPacketsReceived() {
    return inbound("video", "packetsReceived");
  }

  public long audioPacketsReceived() {
    return inbound("audio", "packetsReceived");
  }

  public long audioSamplesReceived() {
    return inbound("audio", "totalSamplesReceived");
  }

  public long videoPacketsSent() {
    return outbound("video", "packetsSent");
  }

  public long audioPacketsSent() {
    return outbound("audio", "packetsSent");
  }

  public long framesEncoded() {
    return outbound("video", "framesEncoded");
  }

  public String iceConnectionState() {
    return json.path("iceConnectionState").asString("?");
  }

  /** Null in the JSON until Chrome has a transport, which it reports as "none". */
  public String dtlsState() {
    JsonNode dtls = json.path("dtlsState");
    return dtls.isString() ? dtls.asString() : "none";
  }

  public String selectedPair() {
    JsonNode pair = json.path("selectedPair");
    if (!pair.isObject()) {
      return "none";
    }
    return pair.path("local").asString("?") + " -> " + pair.path("remote").asString("?")
        + " (" + pair.path("state").asString("?") + ")";
  }

  /** The whole summary, for failure messages. */
  @Override
  public String toString() {
    return json.toString();
  }

  // Chrome only creates an inbound-rtp entry once the first packet of that SSRC has arrived:
  // no entry means zero.
  private long inbound(String kind, String field) {
    return sum("inbound", kind, field);
  }

  private long outbound(String kind, String field) {
    return sum("outbound", kind, field);
  }

  private long sum(String direction, String kind, String field) {
    long sum = 0;
    for (JsonNode s : json.path(direction)) {
      if (kind.equals(s.path("kind").asString(""))) {
        sum += s.path(field).asLong(0);
      }
    }
    return sum;
  }
}
