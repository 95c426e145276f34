package dev.switchboard.medianode.session;

/** A session's interest in one event type of one object, created by {@code subscribe}. Immutable. */
public record Subscription(String id, String sessionId, String objectId, String eventType) {}
