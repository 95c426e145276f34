package dev.switchboard.contracts.messages;

/**
 * One element of a poll's answer: the message and its per-participant sequence number, which
 * grows by one per message so a gap would show a loss. Immutable.
 */
public record Delivery(long seq, ParticipantMessage message) {}
