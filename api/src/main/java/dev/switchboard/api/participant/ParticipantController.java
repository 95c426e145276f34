package dev.switchboard.api.participant;

import dev.switchboard.api.config.OpenApiConfig;
import dev.switchboard.contracts.rest.ApiError;
import dev.switchboard.contracts.rest.CandidateRequest;
import dev.switchboard.contracts.rest.JoinRequest;
import dev.switchboard.contracts.rest.JoinResponse;
import dev.switchboard.contracts.rest.OfferRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * HTTP routes of participants: join, send offers and candidates, leave; stateless, any thread.
 * Token and path-id checks happen before these methods run (ParticipantAuthInterceptor).
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
  @Operation(summary = "Join a session", description = "Returns the participant id and the token for its later calls.",
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
  public ResponseEntity<Void> offer(@PathVariable("sid") String sessionId, @PathVariable("pid") String participantId,
      @RequestBody OfferRequest body) {
    participants.offer(sessionId, participantId, body);
    return ResponseEntity.accepted().build();
  }

  @PostMapping(path = "/{pid}/candidates", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Send an ICE candidate", description = "candidate \"\" marks the end of candidates.",
      security = @SecurityRequirement(name = OpenApiConfig.PARTICIPANT_TOKEN),
      responses = {
          @ApiResponse(responseCode = "202", description = "Accepted"),
          @ApiResponse(responseCode = "400", description = "Invalid body or candidate", content = @Content(schema = @Schema(implementation = ApiError.class)))})
  public ResponseEntity<Void> candidate(@PathVariable("sid") String sessionId, @PathVariable("pid") String participantId,
      @RequestBody CandidateRequest body) {
    participants.candidate(sessionId, participantId, body);
    return ResponseEntity.accepted().build();
  }

  @DeleteMapping("/{pid}")
  @Operation(summary = "Leave the session", security = @SecurityRequirement(name = OpenApiConfig.PARTICIPANT_TOKEN),
      responses = @ApiResponse(responseCode = "204", description = "Leaving"))
  public ResponseEntity<Void> leave(@PathVariable("sid") String sessionId, @PathVariable("pid") String participantId) {
    participants.leave(sessionId, participantId);
    return ResponseEntity.noContent().build();
  }
}
