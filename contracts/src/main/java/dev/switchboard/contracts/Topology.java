package dev.switchboard.contracts;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every RabbitMQ and MongoDB name the services share, in one place (design.md "Messaging" and
 * "State"). Stateless.
 */
public final class Topology {
  /** Work queue of create-session commands; every wrapper consumes it, each command goes to one. */
  public static final String WRAPPER_QUEUE = "wrapper";
  /** Where commands that keep failing end up, for an operator to inspect. */
  public static final String DEAD_LETTER_EXCHANGE = "switchboard.dead-letter";
  public static final String DEAD_LETTER_QUEUE = "switchboard.dead-letter";
  /** Queue argument selecting RabbitMQ's faster classic-queue storage (3.10 defaults to v1). */
  public static final String QUEUE_VERSION_ARGUMENT = "x-queue-version";
  /** A session queue with no consumer and no use for this long is deleted by the broker. */
  public static final Duration SESSION_QUEUE_EXPIRY = Duration.ofHours(1);
  /** A user queue nobody polls for this long is deleted by the broker. */
  public static final Duration USER_QUEUE_EXPIRY = Duration.ofMinutes(10);
  /** Message header counting deliveries of a command, for bounded retries. */
  public static final String ATTEMPT_HEADER = "x-switchboard-attempt";

  /** MongoDB collection with one document per session (written by the wrapper only). */
  public static final String SESSIONS_COLLECTION = "sessions";

  /** Session and participant ids appear in queue names: keep them to a safe alphabet. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private Topology() {}

  /** The queue of one session's commands (join, offer, candidate, leave). */
  public static String sessionQueue(String sessionId) {
    return "session." + requireId(sessionId);
  }

  /**
   * The fanout exchange of one session's events to everyone in it. Named apart from the session
   * queue: AMQP brokers other than RabbitMQ (Qpid Broker-J) resolve a default-exchange routing key
   * to a same-named exchange first, which would send commands to the participants.
   */
  public static String sessionExchange(String sessionId) {
    return "session." + requireId(sessionId) + ".events";
  }

  /** The queue of one participant's messages, read by HTTP polling. */
  public static String userQueue(String participantId) {
    return "user." + requireId(participantId);
  }

  /**
   * Arguments of the {@code wrapper} queue. Every declarer must pass exactly these: RabbitMQ
   * refuses a re-declaration with different arguments (PRECONDITION_FAILED).
   */
  public static Map<String, Object> wrapperQueueArguments() {
    return Map.of(QUEUE_VERSION_ARGUMENT, 2, "x-dead-letter-exchange", DEAD_LETTER_EXCHANGE);
  }

  /** Arguments of the dead-letter queue, declared by both api and wrapper. */
  public static Map<String, Object> deadLetterQueueArguments() {
    return Map.of(QUEUE_VERSION_ARGUMENT, 2);
  }

  /** Arguments of every {@code session.{sid}} queue. */
  public static Map<String, Object> sessionQueueArguments() {
    return Map.of(QUEUE_VERSION_ARGUMENT, 2, "x-dead-letter-exchange", DEAD_LETTER_EXCHANGE,
        "x-expires", SESSION_QUEUE_EXPIRY.toMillis());
  }

  /** Arguments of every {@code user.{pid}} queue. */
  public static Map<String, Object> userQueueArguments() {
    return Map.of(QUEUE_VERSION_ARGUMENT, 2, "x-expires", USER_QUEUE_EXPIRY.toMillis());
  }

  public static boolean isValidId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  private static String requireId(String id) {
    if (!isValidId(id)) {
      throw new IllegalArgumentException("Invalid id '" + id + "': use 1-64 of A-Z a-z 0-9 _ -");
    }
    return id;
  }
}
