package dev.switchboard.api.session;

import dev.switchboard.api.auth.Access;
import dev.switchboard.api.auth.Requires;
import dev.switchboard.contracts.rest.ApiError;
import dev.switchboard.contracts.rest.CreateSessionResponse;
import dev.switchboard.contracts.rest.SessionView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** HTTP routes of sessions: create one, see who is in one; stateless, any thread. */
@RestController
@RequestMapping(path = "/api/sessions", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "sessions")
public class SessionController {
  private final SessionService sessions;

  public SessionController(SessionService sessions) {
    this.sessions = sessions;
  }

  @PostMapping
  @Operation(summary = "Create a session", responses = {
      @ApiResponse(responseCode = "201", description = "Created; a wrapper sets up its media"),
      @ApiResponse(responseCode = "503", description = "Broker unavailable", content = @Content(schema = @Schema(implementation = ApiError.class)))})
  @Requires(Access.APPLICATION)
  public ResponseEntity<CreateSessionResponse> create() {
    String sessionId = sessions.create();
    return ResponseEntity.created(URI.create("/api/sessions/" + sessionId)).body(new CreateSessionResponse(sessionId));
  }

  @GetMapping("/{sid}")
  @Operation(summary = "Who is in a session", description = "State CREATING until a wrapper has set the session up.",
      responses = {
          @ApiResponse(responseCode = "200", description = "The session"),
          @ApiResponse(responseCode = "404", description = "No such session", content = @Content(schema = @Schema(implementation = ApiError.class)))})
  @Requires(Access.MEMBER_OR_APPLICATION)
  public SessionView view(@PathVariable("sid") String sessionId) {
    return sessions.view(sessionId);
  }
}
