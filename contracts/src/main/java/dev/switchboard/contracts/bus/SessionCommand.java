package dev.switchboard.contracts.bus;

/** A command about one participant of an existing session, sent to the queue {@code session.{sid}}. */
public sealed interface SessionCommand extends Command permits JoinSession, ProcessOffer, AddIceCandidate, LeaveSession {
  String participantId();
}
