package dev.switchboard.api.participant;

import dev.switchboard.api.auth.Access;
import dev.switchboard.api.auth.ParticipantClaims;
import dev.switchboard.api.auth.Requires;
import dev.switchboard.api.config.OpenApiConfig;
import dev.switchboard.contracts.rest.ApiError;
import dev.switchboard.contracts.rest.CandidateRequest;
import dev.switchboard.contracts.rest.JoinRequest;
import dev.switchboard.contracts.rest.JoinResponse;
import dev.switchboard.contracts.rest.OfferRequest;
import dev.switchboard.contracts.rest.ParticipantRight;
import dev.switchboard.contracts.rest.TokenResponse;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * HTTP routes of participants: join, send offers and candidates, leave; stateless, any thread.
 * Credential and path-id checks happen before these methods run (AccessInterceptor, per each
 * method's Requires); the rights a request needs are checked here, before anything is sent.
 */
@RestController
@RequestMapping(path = "/api/sessions/{sid}/participants", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "participants")
public class ParticipantController {
  private final ParticipantService participants;

  public ParticipantController(ParticipantService participants) {
    this.participants = participants;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Requires(Access.APPLICATION)
  @Operation(summary = "Join a session", description = "Called by the application's backend with its key; returns the "
      + "participant id and the token (with the requested rights, default publish and receive) for its later calls.",
      security = @SecurityRequirement(name = OpenApiConfig.APPLICATION_KEY),
      responses = {
          @ApiResponse(responseCode = "201", description = "Joined"),
          @ApiResponse(responseCode = "400", description = "Invalid body", content = @Content(schema = @Schema(implementation = ApiError.class))),
          @ApiResponse(responseCode = "404", description = "No such session", content = @Content(schema = @Schema(implementation = ApiError.class)))})
  public ResponseEntity<JoinResponse> join(@PathVariable("sid") String sessionId, @RequestBody JoinRequest body) {
    JoinResponse joined = participants.join(sessionId, body);
    return ResponseEntity.created(URI.create("/api/sessions/" + sessionId + "/participants/" + joined.participantId()))
        .body(joined);
  }

  @PostMapping(path = "/{pid}/offers", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Send an SDP offer",
      description = "target = own id to publish, another participant's id to receive their media. The answer arrives as a message.",
      security = @SecurityRequirement(name = OpenApiConfig.PARTICIPANT_TOKEN),
      responses = {
          @ApiResponse(responseCode = "202", description = "Accepted"),
          @ApiResponse(responseCode = "400", description = "Invalid body or SDP", content = @Content(schema = @Schema(implementation = ApiError.class)))})
  @Requires(Access.PARTICIPANT)
  public ResponseEntity<Void> offer(@PathVariable("sid") String sessionId, @PathVariable("pid") String participantId,
      @RequestBody OfferRequest body, @Parameter(hidden = true) @RequestAttribute(ParticipantClaims.ATTRIBUTE) ParticipantClaims claims) {
    requireRightFor(claims, participantId, body == null ? null : body.target());
    participants.offer(sessionId, participantId, body);
    return ResponseEntity.accepted().build();
  }

  @PostMapping(path = "/{pid}/candidates", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Send an ICE candidate", description = "candidate \"\" marks the end of candidates.",
      security = @SecurityRequirement(name = OpenApiConfig.PARTICIPANT_TOKEN),
      responses = {
          @ApiResponse(responseCode = "202", description = "Accepted"),
          @ApiResponse(responseCode = "400", description = "Invalid body or candidate", content = @Content(schema = @Schema(implementation = ApiError.class)))})
  @Requires(Access.PARTICIPANT)
  public ResponseEntity<Void> candidate(@PathVariable("sid") String sessionId, @PathVariable("pid") String participantId,
      @RequestBody CandidateRequest body, @Parameter(hidden = true) @RequestAttribute(ParticipantClaims.ATTRIBUTE) ParticipantClaims claims) {
    requireRightFor(claims, participantId, body == null ? null : body.target());
    participants.candidate(sessionId, participantId, body);
    return ResponseEntity.accepted().build();
  }

  @DeleteMapping("/{pid}")
  @Operation(summary = "Leave the session", security = @SecurityRequirement(name = OpenApiConfig.PARTICIPANT_TOKEN),
      responses = @ApiResponse(responseCode = "204", description = "Leaving"))
  @Requires(Access.PARTICIPANT)
  public ResponseEntity<Void> leave(@PathVariable("sid") String sessionId, @PathVariable("pid") String participantId) {
    participants.leave(sessionId, participantId);
    return ResponseEntity.noContent().build();
  }

  @PostMapping(path = "/{pid}/token")
  @Requires(Access.PARTICIPANT)
  @Operation(summary = "Refresh the participant's token",
      description = "A new token for the same participant and rights, sent with the current unexpired token.",
      security = @SecurityRequirement(name = OpenApiConfig.PARTICIPANT_TOKEN),
      responses = {
          @ApiResponse(responseCode = "200", description = "The new token"),
          @ApiResponse(responseCode = "401", description = "Token missing or expired: join again",
              content = @Content(schema = @Schema(implementation = ApiError.class))),
          @ApiResponse(responseCode = "404", description = "The participant has left", content = @Content(schema = @Schema(implementation = ApiError.class)))})
  public ResponseEntity<TokenResponse> refreshToken(@PathVariable("sid") String sessionId,
      @PathVariable("pid") String participantId,
      @Parameter(hidden = true) @RequestAttribute(ParticipantClaims.ATTRIBUTE) ParticipantClaims claims) {
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(participants.refreshToken(claims));
  }

  /**
   * Sending one's own media needs the publish right, receiving another's the receive right; a
   * missing target is left to the body checks (400).
   */
  private static void requireRightFor(ParticipantClaims claims, String participantId, String target) {
    if (target == null) {
      return;
    }
    if (target.equals(participantId)) {
      claims.require(ParticipantRight.PUBLISH, "publish media");
    } else {
      claims.require(ParticipantRight.RECEIVE, "receive another participant's media");
    }
  }
}
