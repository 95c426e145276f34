package dev.switchboard.api.poll;

import dev.switchboard.api.auth.Access;
import dev.switchboard.api.auth.Requires;
import dev.switchboard.api.config.OpenApiConfig;
import dev.switchboard.api.web.ApiException;
import dev.switchboard.api.web.ErrorCode;
import dev.switchboard.contracts.messages.Delivery;
import dev.switchboard.contracts.rest.ApiError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** HTTP route of polling a participant's messages; stateless, any thread (a long poll blocks its virtual thread). */
@RestController
@Tag(name = "messages")
public class MessagesController {
  private final PollService polls;

  public MessagesController(PollService polls) {
    this.polls = polls;
  }

  @GetMapping(path = "/api/sessions/{sid}/participants/{pid}/messages", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Poll messages",
      description = "Returns the messages after seq 'after', numbered 1, 2, 3, ... per participant, and acknowledges "
          + "everything up to 'after': a message is removed only once a later poll acknowledges it. With wait > 0 the "
          + "call returns as soon as a message arrives, or [] after 'wait' seconds. One poll at a time per participant.",
      security = @SecurityRequirement(name = OpenApiConfig.PARTICIPANT_TOKEN),
      responses = {
          @ApiResponse(responseCode = "200", description = "The messages, possibly none"),
          @ApiResponse(responseCode = "404", description = "No such participant", content = @Content(schema = @Schema(implementation = ApiError.class))),
          @ApiResponse(responseCode = "409", description = "Another poll of this participant is in progress",
              content = @Content(schema = @Schema(implementation = ApiError.class)))})
  @Requires(Access.PARTICIPANT)
  public List<Delivery> messages(
      @PathVariable("sid") String sessionId,
      @PathVariable("pid") String participantId,
      @Parameter(description = "Highest seq received so far (0 at first)") @RequestParam(name = "after", defaultValue = "0") long after,
      @Parameter(description = "Seconds to wait for a message when there is none (0: answer at once)")
      @RequestParam(name = "wait", defaultValue = "0") long wait) {
    if (after < 0) {
      throw new ApiException(ErrorCode.INVALID_PARAMETER, "Parameter 'after' must be 0 or more");
    }
    if (wait < 0) {
      throw new ApiException(ErrorCode.INVALID_PARAMETER, "Parameter 'wait' must be 0 or more seconds");
    }
    // Anything above the maximum is capped by the service; this only keeps the Duration in range.
    return polls.poll(participantId, after, Duration.ofSeconds(Math.min(wait, 3600)));
  }
}
