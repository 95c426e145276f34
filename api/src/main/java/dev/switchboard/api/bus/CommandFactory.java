package dev.switchboard.api.bus;

import dev.switchboard.contracts.bus.AddIceCandidate;
import dev.switchboard.contracts.bus.CreateSession;
import dev.switchboard.contracts.bus.DrainMediaServer;
import dev.switchboard.contracts.bus.UndrainMediaServer;
import dev.switchboard.contracts.bus.JoinSession;
import dev.switchboard.contracts.bus.LeaveSession;
import dev.switchboard.contracts.bus.ProcessOffer;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Builds commands with a fresh random {@code commandId} (wrappers use it to handle a redelivered
 * command once) and {@code issuedAt} from the injected clock; thread-safe.
 */
@Component
public class CommandFactory {
  private final Clock clock;

  public CommandFactory(Clock clock) {
    this.clock = clock;
  }

  public CreateSession createSession(String sessionId) {
    return new CreateSession(newId(), sessionId, clock.instant());
  }

  public JoinSession joinSession(String sessionId, String participantId, String name) {
    return new JoinSession(newId(), sessionId, participantId, name, clock.instant());
  }

  public ProcessOffer processOffer(String sessionId, String participantId, String target, String sdp,
      String offerId) {
    return new ProcessOffer(newId(), sessionId, participantId, target, sdp, clock.instant(), offerId);
  }

  public AddIceCandidate addIceCandidate(
      String sessionId, String participantId, String target, String candidate, String sdpMid, int sdpMLineIndex) {
    return new AddIceCandidate(newId(), sessionId, participantId, target, candidate, sdpMid, sdpMLineIndex, clock.instant());
  }

  public LeaveSession leaveSession(String sessionId, String participantId) {
    return new LeaveSession(newId(), sessionId, participantId, clock.instant());
  }

  public DrainMediaServer drainMediaServer(String mediaServer, boolean moveSessions) {
    return new DrainMediaServer(newId(), mediaServer, moveSessions, clock.instant());
  }

  public UndrainMediaServer undrainMediaServer(String mediaServer) {
    return new UndrainMediaServer(newId(), mediaServer, clock.instant());
  }

  private static String newId() {
    return UUID.randomUUID().toString();
  }
}
