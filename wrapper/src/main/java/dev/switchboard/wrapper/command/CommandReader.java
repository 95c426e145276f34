package dev.switchboard.wrapper.command;

import dev.switchboard.contracts.Topology;
import dev.switchboard.contracts.bus.AddIceCandidate;
import dev.switchboard.contracts.bus.Command;
import dev.switchboard.contracts.bus.CreateSession;
import dev.switchboard.contracts.bus.JoinSession;
import dev.switchboard.contracts.bus.LeaveSession;
import dev.switchboard.contracts.bus.MediaServerCommand;
import dev.switchboard.contracts.bus.ProcessOffer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.stereotype.Component;

/** Parses and checks a command's JSON (polymorphic on "type"); stateless, thread-safe. */
@Component
public class CommandReader {
  private final JsonMapper json;

  public CommandReader(JsonMapper json) {
    this.json = json;
  }

  /** The command, or {@link MalformedCommandException} if the bytes are not a valid one. */
  public Command read(byte[] body) {
    Command command;
    try {
      command = json.readValue(body, Command.class);
    } catch (JacksonException e) {
      throw malformed("not a command: " + e.getOriginalMessage(), body, e);
    }
    if (command == null) {
      throw malformed("empty command", body, null);
    }
    String problem = problemWith(command);
    if (problem != null) {
      throw malformed(problem, body, null);
    }
    return command;
  }

  private static String problemWith(Command command) {
    if (command.commandId() == null || command.commandId().isBlank()) {
      return "no commandId";
    }
    if (command instanceof MediaServerCommand c) {
      return c.mediaServer() == null || !c.mediaServer().matches("[A-Za-z0-9_.-]{1,64}") ? "invalid mediaServer" : null;
    }
    if (!Topology.isValidId(command.sessionId())) {
      return "invalid sessionId '" + command.sessionId() + "'";
    }
    return switch (command) {
      case CreateSession c -> null;
      case JoinSession c -> !Topology.isValidId(c.participantId()) ? "invalid participantId"
          : c.name() == null ? "no name" : null;
      case ProcessOffer c -> !Topology.isValidId(c.participantId()) ? "invalid participantId"
          : !Topology.isValidId(c.target()) ? "invalid target"
          : c.sdp() == null ? "no sdp" : null;
      case AddIceCandidate c -> !Topology.isValidId(c.participantId()) ? "invalid participantId"
          : !Topology.isValidId(c.target()) ? "invalid target" : null;
      case LeaveSession c -> !Topology.isValidId(c.participantId()) ? "invalid participantId" : null;
      case MediaServerCommand c -> null;
    };
  }

  /** Keeps whatever valid ids the message holds, so that its sender can still be told. */
  private MalformedCommandException malformed(String problem, byte[] body, Throwable cause) {
    String sessionId = null;
    String participantId = null;
    try {
      JsonNode tree = json.readTree(body);
      if (tree != null && tree.isObject()) {
        sessionId = validIdOrNull(tree.path("sessionId"));
        participantId = validIdOrNull(tree.path("participantId"));
      }
    } catch (JacksonException e) {
      // Not JSON at all: nobody to tell.
    }
    return new MalformedCommandException(problem, sessionId, participantId, cause);
  }

  private static String validIdOrNull(JsonNode node) {
    String text = node.isString() ? node.asString() : null;
    return Topology.isValidId(text) ? text : null;
  }
}
