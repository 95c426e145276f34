package dev.switchboard.contracts.rest;

/** A participant as others see it. */
public record ParticipantView(String participantId, String name) {}
