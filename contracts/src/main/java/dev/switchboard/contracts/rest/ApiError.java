package dev.switchboard.contracts.rest;

/** Body of every 4xx/5xx answer of the api: the status, a stable code and a message for people. */
public record ApiError(int status, String code, String message) {}
