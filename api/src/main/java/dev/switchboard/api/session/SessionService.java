package dev.switchboard.api.session;

import dev.switchboard.api.bus.CommandFactory;
import dev.switchboard.api.bus.CommandPublisher;
import dev.switchboard.api.bus.QueueProbe;
import dev.switchboard.api.bus.SessionTopology;
import dev.switchboard.api.web.ApiException;
import dev.switchboard.api.web.ErrorCode;
import dev.switchboard.api.web.Ids;
import dev.switchboard.contracts.Topology;
import dev.switchboard.contracts.rest.SessionView;
import java.util.List;
import org.springframework.stereotype.Service;

/** Creates sessions and tells who is in one; stateless and thread-safe. */
@Service
public class SessionService {
  /** State shown while the session queue exists but no wrapper has written the document yet. */
  public static final String STATE_CREATING = "CREATING";

  private final SessionTopology topology;
  private final CommandFactory commands;
  private final CommandPublisher publisher;
  private final SessionReader reader;
  private final QueueProbe probe;

  public SessionService(SessionTopology topology, CommandFactory commands, CommandPublisher publisher,
      SessionReader reader, QueueProbe probe) {
    this.topology = topology;
    this.commands = commands;
    this.publisher = publisher;
    this.reader = reader;
    this.probe = probe;
  }

  /**
   * Declares the session's queue and exchange, then asks a wrapper to create it. The queue
   * exists before the command is sent, so a join right after the answer always finds it.
   */
  public String create() {
    String sessionId = Ids.random();
    topology.declareSession(sessionId);
    if (publisher.publish(Topology.WRAPPER_QUEUE, commands.createSession(sessionId)) != CommandPublisher.Outcome.QUEUED) {
      // The wrapper queue is declared at start-up; if it vanished, the broker is being reset.
      throw new ApiException(ErrorCode.BROKER_UNAVAILABLE, "The wrapper queue is missing; try again");
    }
    return sessionId;
  }

  /** The session's document, or CREATING while only its queue exists; 404 when neither does. */
  public SessionView view(String sessionId) {
    return reader.find(sessionId).orElseGet(() -> {
      if (!probe.exists(Topology.sessionQueue(sessionId))) {
        throw new ApiException(ErrorCode.SESSION_NOT_FOUND, "No session '" + sessionId + "'");
      }
      return new SessionView(sessionId, STATE_CREATING, List.of());
    });
  }
}
