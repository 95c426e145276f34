package dev.switchboard.api.participant;

import dev.switchboard.api.config.ApiProperties;
import dev.switchboard.api.web.ApiException;
import dev.switchboard.api.web.ErrorCode;
import dev.switchboard.contracts.Topology;
import dev.switchboard.contracts.rest.CandidateRequest;
import dev.switchboard.contracts.rest.JoinRequest;
import dev.switchboard.contracts.rest.OfferRequest;
import dev.switchboard.contracts.rest.ParticipantRight;
import java.util.EnumSet;
import java.util.Set;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Checks participant request bodies at the edge, with messages that say what to fix; stateless
 * and thread-safe. Only cheap, shape-level checks: the media server validates SDP and candidates
 * fully and reports failures as an {@code error} message.
 */
@Component
public class RequestChecks {
  static final int MAX_NAME_LENGTH = 64;
  static final int MAX_CANDIDATE_LENGTH = 1024;
  static final int MAX_SDP_MID_LENGTH = 64;
  static final int MAX_SDP_MLINE_INDEX = 65535;

  private static final Pattern MEDIA_LINE = Pattern.compile("(?m)^m=");
  private static final Pattern OFFER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

  private final ApiProperties properties;

  public RequestChecks(ApiProperties properties) {
    this.properties = properties;
  }

  /** The display name, trimmed: 1 to 64 characters without control characters. */
  /** The rights a join asks for: publish and receive when it names none; an empty list is a silent, blind member. */
  public Set<ParticipantRight> rights(JoinRequest body) {
    if (body.rights() == null) {
      return ParticipantRight.all();
    }
    Set<ParticipantRight> rights = EnumSet.noneOf(ParticipantRight.class);
    for (ParticipantRight right : body.rights()) {
      if (right == null) {
        throw invalidBody("Field 'rights' holds only \"publish\" and \"receive\"");
      }
      rights.add(right);
    }
    return rights;
  }

  public String name(JoinRequest body) {
    if (body.name() == null) {
      throw invalidBody("Field 'name' is required");
    }
    String name = body.name().strip();
    int length = name.codePointCount(0, name.length());
    if (length < 1 || length > MAX_NAME_LENGTH) {
      throw invalidBody("Field 'name' must be 1 to " + MAX_NAME_LENGTH + " characters");
    }
    if (CONTROL.matcher(name).find()) {
      throw invalidBody("Field 'name' must not contain control characters");
    }
    return name;
  }

  public void offer(OfferRequest body) {
    target(body.target());
    String sdp = body.sdp();
    if (sdp == null || sdp.isBlank()) {
      throw invalidSdp("Field 'sdp' is required");
    }
    if (sdp.getBytes(StandardCharsets.UTF_8).length > properties.maxSdpBytes()) {
      throw invalidSdp("The SDP offer is larger than " + properties.maxSdpBytes() + " bytes");
    }
    if (!(sdp.startsWith("v=0\r\n") || sdp.startsWith("v=0\n"))) {
      throw invalidSdp("The SDP offer must start with the line 'v=0'");
    }
    if (!MEDIA_LINE.matcher(sdp).find()) {
      throw invalidSdp("The SDP offer has no media ('m=') line");
    }
    if (body.offerId() != null && !OFFER_ID.matcher(body.offerId()).matches()) {
      throw invalidBody("Field 'offerId' must be 1 to 64 of A-Z, a-z, 0-9, '_' and '-'");
    }
  }

  public void candidate(CandidateRequest body) {
    target(body.target());
    String candidate = body.candidate();
    if (candidate == null) {
      throw invalidCandidate("Field 'candidate' is required (\"\" marks the end of candidates)");
    }
    if (candidate.length() > MAX_CANDIDATE_LENGTH) {
      throw invalidCandidate("Field 'candidate' is longer than " + MAX_CANDIDATE_LENGTH + " characters");
    }
    // The candidate ends up as an SDP attribute line: a line break would inject other lines.
    if (!candidate.isEmpty() && (!candidate.startsWith("candidate:") || CONTROL.matcher(candidate).find())) {
      throw invalidCandidate("Field 'candidate' must be empty or one 'candidate:...' line");
    }
    String sdpMid = body.sdpMid();
    if (sdpMid != null && (sdpMid.length() > MAX_SDP_MID_LENGTH || CONTROL.matcher(sdpMid).find())) {
      throw invalidCandidate("Field 'sdpMid' must be at most " + MAX_SDP_MID_LENGTH + " printable characters");
    }
    Integer index = body.sdpMLineIndex();
    if (index == null || index < 0 || index > MAX_SDP_MLINE_INDEX) {
      throw invalidCandidate("Field 'sdpMLineIndex' is required, from 0 to " + MAX_SDP_MLINE_INDEX);
    }
  }

  private static void target(String target) {
    if (target == null) {
      throw invalidBody("Field 'target' is required: a participant id");
    }
    if (!Topology.isValidId(target)) {
      throw invalidBody("Field 'target' is not a participant id");
    }
  }

  private static ApiException invalidBody(String message) {
    return new ApiException(ErrorCode.INVALID_BODY, message);
  }

  private static ApiException invalidSdp(String message) {
    return new ApiException(ErrorCode.INVALID_SDP, message);
  }

  private static ApiException invalidCandidate(String message) {
    return new ApiException(ErrorCode.INVALID_CANDIDATE, message);
  }
}
