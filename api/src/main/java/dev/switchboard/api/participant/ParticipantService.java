package dev.switchboard.api.participant;

import dev.switchboard.api.auth.IssuedToken;
import dev.switchboard.api.auth.ParticipantClaims;
import dev.switchboard.api.auth.ParticipantTokens;
import dev.switchboard.api.bus.CommandFactory;
import dev.switchboard.api.bus.CommandPublisher;
import dev.switchboard.api.bus.QueueProbe;
import dev.switchboard.api.bus.SessionTopology;
import dev.switchboard.api.web.ApiException;
import dev.switchboard.api.web.ErrorCode;
import dev.switchboard.api.web.Ids;
import dev.switchboard.contracts.Topology;
import dev.switchboard.contracts.bus.SessionCommand;
import dev.switchboard.contracts.rest.CandidateRequest;
import dev.switchboard.contracts.rest.JoinRequest;
import dev.switchboard.contracts.rest.JoinResponse;
import dev.switchboard.contracts.rest.ParticipantRight;
import dev.switchboard.contracts.rest.TokenResponse;
import java.util.Set;
import dev.switchboard.contracts.rest.OfferRequest;
import org.springframework.stereotype.Service;

/**
 * Turns a participant's requests into session commands: join, offer, candidate, leave.
 * Stateless and thread-safe. Every check that can refuse a request runs before anything is
 * declared or published, so a refused request changes nothing.
 */
@Service
public class ParticipantService {
  private final RequestChecks checks;
  private final QueueProbe probe;
  private final SessionTopology topology;
  private final CommandFactory commands;
  private final CommandPublisher publisher;
  private final ParticipantTokens tokens;

  public ParticipantService(RequestChecks checks, QueueProbe probe, SessionTopology topology, CommandFactory commands,
      CommandPublisher publisher, ParticipantTokens tokens) {
    this.checks = checks;
    this.probe = probe;
    this.topology = topology;
    this.commands = commands;
    this.publisher = publisher;
    this.tokens = tokens;
  }

  public JoinResponse join(String sessionId, JoinRequest body) {
    String name = checks.name(body);
    Set<ParticipantRight> rights = checks.rights(body);
    if (!probe.exists(Topology.sessionQueue(sessionId))) {
      throw sessionNotFound(sessionId);
    }
    String participantId = Ids.random();
    // The queue exists and is bound before the join is sent, so the wrapper's first messages
    // (existingParticipants, and events for everyone) cannot miss it.
    topology.declareParticipant(sessionId, participantId);
    send(sessionId, commands.joinSession(sessionId, participantId, name));
    IssuedToken token = tokens.issue(sessionId, participantId, rights);
    return new JoinResponse(participantId, token.token(), token.expiresAt().getEpochSecond(),
        rights.stream().sorted().toList());
  }

  /** A new token with the same rights, only while the participant is still in the session (its queue exists). */
  public TokenResponse refreshToken(ParticipantClaims claims) {
    requireParticipant(claims.participantId());
    IssuedToken token = tokens.issue(claims.sessionId(), claims.participantId(), claims.rights());
    return new TokenResponse(token.token(), token.expiresAt().getEpochSecond());
  }

  public void offer(String sessionId, String participantId, OfferRequest body) {
    checks.offer(body);
    requireParticipant(participantId);
    send(sessionId, commands.processOffer(sessionId, participantId, body.target(), body.sdp(), body.offerId()));
  }

  public void candidate(String sessionId, String participantId, CandidateRequest body) {
    checks.candidate(body);
    requireParticipant(participantId);
    send(sessionId, commands.addIceCandidate(sessionId, participantId, body.target(), body.candidate(), body.sdpMid(),
        body.sdpMLineIndex()));
  }

  /**
   * Leaving does not require the participant's queue: a participant whose queue expired while it
   * was away must still be able to leave, so the wrapper releases its endpoints.
   */
  public void leave(String sessionId, String participantId) {
    send(sessionId, commands.leaveSession(sessionId, participantId));
  }

  /** An offer or candidate is answered through the participant's queue: without it the answer would be lost. */
  private void requireParticipant(String participantId) {
    if (!probe.exists(Topology.userQueue(participantId))) {
      throw new ApiException(ErrorCode.PARTICIPANT_NOT_FOUND,
          "No participant '" + participantId + "' (its queue expired or never existed); join again");
    }
  }

  private void send(String sessionId, SessionCommand command) {
    if (publisher.publish(Topology.sessionQueue(sessionId), command) == CommandPublisher.Outcome.NO_QUEUE) {
      throw sessionNotFound(sessionId);
    }
  }

  private static ApiException sessionNotFound(String sessionId) {
    return new ApiException(ErrorCode.SESSION_NOT_FOUND, "No session '" + sessionId + "'");
  }
}
