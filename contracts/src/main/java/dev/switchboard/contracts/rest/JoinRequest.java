package dev.switchboard.contracts.rest;

/** Body of {@code POST /api/sessions/{sid}/participants}: the name others see. */
public record JoinRequest(String name) {}
