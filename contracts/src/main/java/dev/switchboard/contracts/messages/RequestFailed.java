package dev.switchboard.contracts.messages;

/**
 * A command of this participant failed for good (wire type {@code error}): {@code request} is
 * the command's type and id, {@code code} a stable machine-readable reason.
 */
public record RequestFailed(String request, String code, String message) implements ParticipantMessage {}
