package dev.switchboard.api.turn;

import dev.switchboard.api.auth.Access;
import dev.switchboard.api.auth.Requires;
import dev.switchboard.api.config.OpenApiConfig;
import dev.switchboard.contracts.rest.IceServersResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/sessions/{sid}/participants/{pid}/ice-servers}: the TURN servers and a fresh
 * credential for one participant, only with that participant's token (checked before this runs,
 * by AccessInterceptor: the token is signed for this session and participant, so no
 * lookup is needed); stateless, any thread.
 */
@RestController
@Tag(name = "participants")
public class IceServersController {
  private final TurnCredentials credentials;

  public IceServersController(TurnCredentials credentials) {
    this.credentials = credentials;
  }

  @GetMapping(path = "/api/sessions/{sid}/participants/{pid}/ice-servers", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "TURN servers and a time-limited credential for this participant",
      description = "Empty when no TURN server is configured. Ask again before expiresAt.",
      security = @SecurityRequirement(name = OpenApiConfig.PARTICIPANT_TOKEN))
  @Requires(Access.PARTICIPANT)
  public ResponseEntity<IceServersResponse> iceServers(@PathVariable("sid") String sessionId,
      @PathVariable("pid") String participantId) {
    // A credential must not be kept by a shared cache: it is this participant's.
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(credentials.issue(participantId));
  }
}
