package dev.switchboard.medianode.control;

/**
 * One client socket as the control plane sees it: where responses and events for the sessions
 * bound to it are written. Implementations are thread-safe: {@link #send} may be called from any
 * thread.
 */
public interface Connection {
  /** A process-unique label for logs. */
  String id();

  boolean isOpen();

  /** Queues one text frame; silently dropped when the socket is already closed. */
  void send(String text);

  void close();
}
