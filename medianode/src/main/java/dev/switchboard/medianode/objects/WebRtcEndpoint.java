package dev.switchboard.medianode.objects;

import dev.switchboard.medianode.media.EndpointMedia;
import dev.switchboard.medianode.rpc.Json;
import dev.switchboard.medianode.rpc.KurentoError;
import dev.switchboard.medianode.rpc.KurentoException;
import dev.switchboard.webrtc.ice.IceCandidate;
import dev.switchboard.webrtc.ice.IceCredentials;
import dev.switchboard.webrtc.sdp.AnswerOptions;
import dev.switchboard.webrtc.sdp.LocalOffer;
import dev.switchboard.webrtc.sdp.MediaDescription;
import dev.switchboard.webrtc.sdp.MediaKind;
import dev.switchboard.webrtc.sdp.NegotiatedMedia;
import dev.switchboard.webrtc.sdp.NegotiatedSession;
import dev.switchboard.webrtc.sdp.OfferOptions;
import dev.switchboard.webrtc.sdp.SdpAnswerer;
import dev.switchboard.webrtc.sdp.SdpNegotiationException;
import dev.switchboard.webrtc.sdp.SdpOfferer;
import dev.switchboard.webrtc.sdp.SdpParseException;
import dev.switchboard.webrtc.sdp.SessionDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Kurento's {@code WebRtcEndpoint}: SDP offer/answer (RFC 9429) with an ICE-lite (RFC 8445 §2.5),
 * DTLS-server answer, trickle ICE through {@code IceCandidateFound} events (RFC 8838), and the
 * bandwidth and transport properties of {@code SdpEndpoint}/{@code BaseRtpEndpoint}. Once
 * negotiated it opens its transport on the media plane and mirrors its connections there.
 * Confined to the control thread.
 */
public final class WebRtcEndpoint extends MediaElement {
  /** REMB towards a publisher without maxVideoRecvBandwidth: enough for 720p VP8 from Chrome. */
  private static final int DEFAULT_REMB_KBPS = 2500;
  private final boolean recvonly;
  private final boolean sendonly;
  private final boolean useDataChannels;
  private final int maxRemoteCandidates;
  private final IceCredentials ice;
  private final String streamId = UUID.randomUUID().toString();
  private final List<IceCandidate> remoteCandidates = new ArrayList<>();
  private LocalOffer pendingOffer;
  private NegotiatedSession negotiated;
  private String localSdp;
  private String remoteSdp;
  private boolean gatherRequested;
  private boolean gathered;
  private long keyframeRequests;
  private final EndpointEvents events = new EndpointEvents(this);
  private EndpointMedia media;

  public WebRtcEndpoint(MediaPipeline pipeline, Params ctor, int maxRemoteCandidates, ObjectContext ctx) {
    super("WebRtcEndpoint", pipeline, ctx);
    this.recvonly = ctor.bool("recvonly", false);
    this.sendonly = ctor.bool("sendonly", false);
    this.useDataChannels = ctor.bool("useDataChannels", false);
    this.maxRemoteCandidates = maxRemoteCandidates;
    if (recvonly && sendonly) {
      throw new KurentoException(KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR,
          "A WebRtcEndpoint cannot be both recvonly and sendonly");
    }
    this.ice = ctx.media().newIceCredentials();
    registerSdpOperations();
    registerIceOperations();
    registerProperties();
  }

  private void registerSdpOperations() {
    operation("processOffer", p -> processOffer(p.string("offer")));
    operation("generateOffer", p -> generateOffer(p.has("options") ? p.node("options") : null));
    operation("processAnswer", p -> processAnswer(p.string("answer")));
    operation("getLocalSessionDescriptor", p -> {
      if (localSdp == null) {
        throw new KurentoException(KurentoError.SDP_END_POINT_NO_LOCAL_SDP_ERROR, "No local SDP: negotiate first");
      }
      return localSdp;
    });
    operation("getRemoteSessionDescriptor", p -> {
      if (remoteSdp == null) {
        throw new KurentoException(KurentoError.SDP_END_POINT_NO_REMOTE_SDP_ERROR, "No remote SDP: negotiate first");
      }
      return remoteSdp;
    });
  }

  private void registerIceOperations() {
    operation("gatherCandidates", p -> {
      gatherRequested = true;
      if (localSdp != null) {
        gathered = false; // an explicit call trickles again (see scheduleGathering)
        scheduleGathering();
      }
      return null;
    });
    operation("addIceCandidate", p -> {
      addIceCandidate(p.node("candidate"));
      return null;
    });
    readOnly("ICECandidatePairs", () -> Json.mapper().createArrayNode());
    readOnly("IceConnectionState", this::iceConnectionState);
    readOnly("DtlsConnectionState", () -> Json.mapper().createArrayNode());
  }

  private void registerProperties() {
    stored("maxAudioRecvBandwidth", IntNode.valueOf(0));
    stored("maxVideoRecvBandwidth", IntNode.valueOf(0));
    stored("minVideoRecvBandwidth", IntNode.valueOf(0));
    stored("minVideoSendBandwidth", IntNode.valueOf(100));
    stored("maxVideoSendBandwidth", IntNode.valueOf(500));
    stored("mtu", IntNode.valueOf(1200));
    stored("rembParams", defaultRembParams());
    readOnly("mediaState", events::connectionState);
    readOnly("connectionState", events::connectionState);
    operation("requestKeyframe", p -> {
      keyframeRequests++;
      if (media != null) {
        ctx.media().plane().requestKeyframe(media);
      }
      return null;
    });
    stored("networkInterfaces", StringNode.valueOf(""));
    stored("iceTcp", BooleanNode.TRUE);
    stored("stunServerAddress", StringNode.valueOf(""));
    stored("stunServerPort", IntNode.valueOf(3478));
    stored("turnUrl", StringNode.valueOf(""));
    stored("externalIPv4", StringNode.valueOf(""));
    stored("externalIPv6", StringNode.valueOf(""));
  }

  private static ObjectNode defaultRembParams() {
    return Json.complex("RembParams")
        .put("packetsRecvIntervalTop", 200)
        .put("exponentialFactor", 0.04)
        .put("linealFactorMin", 50)
        .put("linealFactorGrade", 100)
        .put("decrementFactor", 0.5)
        .put("thresholdFactor", 0.8)
        .put("upLosses", 12)
        .put("rembOnConnect", 300_000);
  }

  private String processOffer(String offer) {
    if (localSdp != null) {
      throw new KurentoException(KurentoError.SDP_END_POINT_ALREADY_NEGOTIATED, "Endpoint already negotiated");
    }
    SessionDescription parsed = parse(offer, "offer");
    try {
      negotiated = SdpAnswerer.answer(parsed, answerOptions());
    } catch (SdpNegotiationException e) {
      throw new KurentoException(KurentoError.SDP_END_POINT_PROCESS_OFFER_ERROR, "Cannot answer the offer: " + e.getMessage());
    }
    remoteSdp = offer;
    localSdp = negotiated.sdp();
    negotiationDone(false);
    return localSdp;
  }

  private String generateOffer(JsonNode options) {
    if (localSdp != null) {
      throw new KurentoException(KurentoError.SDP_END_POINT_ALREADY_NEGOTIATED, "Endpoint already negotiated");
    }
    boolean audio = options == null || options.path("offerToReceiveAudio").asBoolean(true);
    boolean video = options == null || options.path("offerToReceiveVideo").asBoolean(true);
    if (!audio && !video) {
      throw new KurentoException(KurentoError.SDP_END_POINT_GENERATE_OFFER_ERROR, "Nothing to offer: neither audio nor video");
    }
    pendingOffer = SdpOfferer.createOffer(new OfferOptions(ice, ctx.media().certificate().fingerprint(),
        ctx.media().hostCandidates(), audio, video, !sendonly, !recvonly, bandwidth("maxAudioRecvBandwidth"),
        bandwidth("maxVideoRecvBandwidth"), streamId, streamId, ctx.media().random()));
    localSdp = pendingOffer.sdp().format();
    if (gatherRequested) {
      scheduleGathering();
    }
    return localSdp;
  }

  private String processAnswer(String answer) {
    if (negotiated != null) {
      throw new KurentoException(KurentoError.SDP_END_POINT_ANSWER_ALREADY_PROCCESED, "Answer already processed");
    }
    if (pendingOffer == null) {
      throw new KurentoException(KurentoError.SDP_END_POINT_NOT_OFFER_GENERATED, "No offer generated: call generateOffer first");
    }
    SessionDescription parsed = parse(answer, "answer");
    try {
      negotiated = SdpOfferer.acceptAnswer(pendingOffer, parsed);
    } catch (SdpNegotiationException e) {
      throw new KurentoException(KurentoError.SDP_END_POINT_PROCESS_ANSWER_ERROR, "Cannot accept the answer: " + e.getMessage());
    }
    remoteSdp = answer;
    negotiationDone(true);
    return localSdp;
  }

  private static SessionDescription parse(String sdp, String what) {
    if (sdp.isBlank()) {
      throw new KurentoException(KurentoError.SDP_PARSE_ERROR, "Empty SDP " + what);
    }
    try {
      return SessionDescription.parse(sdp);
    } catch (SdpParseException e) {
      throw new KurentoException(KurentoError.SDP_PARSE_ERROR, "Malformed SDP " + what + ": " + e.getMessage());
    }
  }

  private AnswerOptions answerOptions() {
    return new AnswerOptions(ice, ctx.media().certificate().fingerprint(), ctx.media().hostCandidates(), !sendonly,
        !recvonly, useDataChannels, bandwidth("maxAudioRecvBandwidth"), bandwidth("maxVideoRecvBandwidth"), streamId,
        streamId, ctx.media().random());
  }

  private int bandwidth(String property) {
    return Math.max(0, property(property).asInt());
  }

  private void negotiationDone(boolean weOffered) {
    media = ctx.media().plane().open(id(), ice, negotiated, weOffered, events, rembBitrate(), streamId);
    // Connections made before negotiation (as Kurento's group-call tutorial does) start now.
    for (ElementConnection c : sourceConnections()) {
      mediaLink(c, true);
    }
    for (ElementConnection c : sinkConnections()) {
      mediaLink(c, true);
    }
    if (gatherRequested) {
      scheduleGathering();
    }
  }

  /** REMB cap for our publisher: maxVideoRecvBandwidth (kbps, 0 = none) or a default for VGA video. */
  private long rembBitrate() {
    int max = bandwidth("maxVideoRecvBandwidth");
    int min = bandwidth("minVideoRecvBandwidth");
    long kbps = max > 0 ? max : DEFAULT_REMB_KBPS;
    return Math.max(kbps, min) * 1000L;
  }

  @Override
  protected void linked(ElementConnection connection) {
    mediaLink(connection, true);
  }

  @Override
  protected void unlinked(ElementConnection connection) {
    mediaLink(connection, false);
  }

  private static void mediaLink(ElementConnection c, boolean on) {
    if (!(c.source() instanceof WebRtcEndpoint from) || !(c.sink() instanceof WebRtcEndpoint to)
        || from.media == null || to.media == null || c.mediaType() == MediaType.DATA) {
      return;
    }
    MediaKind kind = c.mediaType() == MediaType.AUDIO ? MediaKind.AUDIO : MediaKind.VIDEO;
    if (on) {
      from.ctx.media().plane().link(from.media, to.media, kind);
    } else {
      from.ctx.media().plane().unlink(from.media, to.media, kind);
    }
  }

  @Override
  protected void onRelease() {
    super.onRelease();
    if (media != null) {
      ctx.media().plane().close(media);
      media = null;
    }
  }

  @Override
  protected boolean isMediaFlowingIn(MediaType type) {
    return type != MediaType.DATA && events.flowingIn(type == MediaType.AUDIO ? MediaKind.AUDIO : MediaKind.VIDEO);
  }

  @Override
  protected boolean isMediaFlowingOut(MediaType type) {
    return type != MediaType.DATA && events.flowingOut(type == MediaType.AUDIO ? MediaKind.AUDIO : MediaKind.VIDEO);
  }

  private JsonNode iceConnectionState() {
    var out = Json.mapper().createArrayNode();
    if (media != null) {
      out.add(Json.complex("IceConnection").put("streamId", "1").put("componentId", 1).put("state", events.iceState()));
    }
    return out;
  }

  /** The endpoint's media handle, null before negotiation or after release (tests read its statistics). */
  public EndpointMedia media() {
    return media;
  }

  /**
   * Trickles the host candidates once per negotiation, after the current request has been
   * answered, as KMS does: one {@code IceCandidateFound} per candidate and accepted m-line, then
   * {@code IceGatheringDone}.
   *
   * <p>Unlike KMS, an explicit second {@code gatherCandidates} trickles them again: a wrapper that handles a
   * redelivered offer (its first handler died after gathering) subscribes anew and must be able
   * to get the candidates to the client, whose answer carries none. Duplicates are harmless to
   * browsers.
   */
  private void scheduleGathering() {
    if (gathered) {
      return;
    }
    gathered = true;
    ctx.control().execute(() -> {
      if (released()) {
        return;
      }
      emit("IceComponentStateChanged", Json.object().put("streamId", 1).put("componentId", 1).put("state", "GATHERING"));
      for (IceCandidate candidate : ctx.media().hostCandidates()) {
        for (MLine line : mLines()) {
          ObjectNode c = Json.complex("IceCandidate")
              .put("candidate", candidate.toSdpValue())
              .put("sdpMid", line.mid())
              .put("sdpMLineIndex", line.index());
          emit("IceCandidateFound", Json.object().set("candidate", c));
        }
      }
      emit("IceGatheringDone", null);
    });
  }

  private record MLine(String mid, int index) {}

  private List<MLine> mLines() {
    List<MLine> lines = new ArrayList<>();
    if (negotiated != null) {
      for (NegotiatedMedia m : negotiated.media()) {
        if (!m.rejected()) {
          lines.add(new MLine(m.mid(), m.index()));
        }
      }
    } else if (pendingOffer != null) {
      List<MediaDescription> media = pendingOffer.sdp().media();
      for (int i = 0; i < media.size(); i++) {
        lines.add(new MLine(media.get(i).mid(), i));
      }
    }
    return lines;
  }

  private void addIceCandidate(JsonNode candidate) {
    String text = candidate.path("candidate").asString("");
    if (text.isBlank()) {
      return; // end-of-candidates (RFC 8838 §4.1) carries no candidate
    }
    if (remoteCandidates.size() >= maxRemoteCandidates) {
      throw new KurentoException(KurentoError.ICE_ADD_CANDIDATE_ERROR,
          "Too many remote candidates (limit " + maxRemoteCandidates + ")");
    }
    try {
      remoteCandidates.add(IceCandidate.parse(text));
    } catch (IllegalArgumentException e) {
      throw new KurentoException(KurentoError.ICE_ADD_CANDIDATE_ERROR, "Invalid ICE candidate: " + e.getMessage());
    }
  }

  public List<IceCandidate> remoteCandidates() {
    return List.copyOf(remoteCandidates);
  }

  public NegotiatedSession negotiated() {
    return negotiated;
  }

  public long keyframeRequests() {
    return keyframeRequests;
  }
}
