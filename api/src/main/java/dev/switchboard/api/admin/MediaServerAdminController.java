package dev.switchboard.api.admin;

import dev.switchboard.api.auth.Access;
import dev.switchboard.api.auth.Requires;
import dev.switchboard.api.bus.CommandFactory;
import dev.switchboard.api.bus.CommandPublisher;
import dev.switchboard.api.web.ApiException;
import dev.switchboard.api.web.ErrorCode;
import dev.switchboard.contracts.Topology;
import dev.switchboard.contracts.bus.Command;
import dev.switchboard.contracts.rest.ApiError;
import dev.switchboard.contracts.rest.DrainRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator routes for scale-in: drain a media server (no new sessions; optionally move its
 * sessions now) or undrain it. Each becomes a command on the {@code wrapper} work queue and is
 * answered 202 once the broker has it. Stateless, any thread.
 */
@RestController
@RequestMapping(path = "/api/admin/media-servers/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "admin")
public class MediaServerAdminController {
  private static final Logger log = LoggerFactory.getLogger(MediaServerAdminController.class);
  /** What the wrappers accept as a media-server id. */
  private static final Pattern SERVER_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  private final CommandFactory commands;
  private final CommandPublisher publisher;

  public MediaServerAdminController(CommandFactory commands, CommandPublisher publisher) {
    this.commands = commands;
    this.publisher = publisher;
  }

  @PostMapping(path = "/drain")
  @Operation(summary = "Drain a media server", description = "It gets no new sessions; with moveSessions its "
      + "sessions move now to other servers and their participants are told to renegotiate.",
      responses = {
          @ApiResponse(responseCode = "202", description = "Accepted"),
          @ApiResponse(responseCode = "401", description = "No admin key", content = @Content(schema = @Schema(implementation = ApiError.class))),
          @ApiResponse(responseCode = "403", description = "Admin routes disabled or wrong key", content = @Content(schema = @Schema(implementation = ApiError.class)))})
  @Requires(Access.OPERATOR)
  public ResponseEntity<Void> drain(@PathVariable("id") String serverId,
      @RequestBody(required = false) DrainRequest body) {
    boolean move = body != null && Boolean.TRUE.equals(body.moveSessions());
    send(commands.drainMediaServer(checked(serverId), move));
    log.info("Drain of media server {} requested (moveSessions={})", serverId, move);
    return ResponseEntity.accepted().build();
  }

  @PostMapping(path = "/undrain")
  @Operation(summary = "Undrain a media server", description = "It may take new sessions again.",
      responses = {
          @ApiResponse(responseCode = "202", description = "Accepted"),
          @ApiResponse(responseCode = "403", description = "Admin routes disabled or wrong key", content = @Content(schema = @Schema(implementation = ApiError.class)))})
  @Requires(Access.OPERATOR)
  public ResponseEntity<Void> undrain(@PathVariable("id") String serverId) {
    send(commands.undrainMediaServer(checked(serverId)));
    log.info("Undrain of media server {} requested", serverId);
    return ResponseEntity.accepted().build();
  }

  private void send(Command command) {
    if (publisher.publish(Topology.WRAPPER_QUEUE, command) != CommandPublisher.Outcome.QUEUED) {
      throw new ApiException(ErrorCode.BROKER_UNAVAILABLE, "The wrapper queue does not exist yet; try again");
    }
  }

  private static String checked(String serverId) {
    if (!SERVER_ID.matcher(serverId).matches()) {
      throw new ApiException(ErrorCode.INVALID_PARAMETER, "Not a media-server id");
    }
    return serverId;
  }
}
