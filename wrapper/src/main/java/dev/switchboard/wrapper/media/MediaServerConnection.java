package dev.switchboard.wrapper.media;

import dev.switchboard.wrapper.config.WrapperProperties.MediaServerSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import org.kurento.client.KurentoClient;
import org.kurento.client.KurentoConnectionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kurento client of one media server, connected lazily and at most once per retry interval;
 * thread-safe: connection attempts hold a lock, the client and its state are volatile.
 */
final class MediaServerConnection implements KurentoConnectionListener {
  private static final Logger log = LoggerFactory.getLogger(MediaServerConnection.class);

  private final MediaServerSpec spec;
  private final KurentoConnector connector;
  private final Clock clock;
  private final Duration retryInterval;
  private final ReentrantLock connecting = new ReentrantLock();
  private volatile KurentoClient client;
  private volatile boolean connected;
  private volatile Instant lastAttempt;
  private volatile MediaServerEvents events = MediaServerEvents.NONE;
  /** Set when the server left the pool: a caller still holding this member must not reconnect it. */
  private volatile boolean closed;

  MediaServerConnection(MediaServerSpec spec, KurentoConnector connector, Clock clock, Duration retryInterval) {
    this.spec = spec;
    this.connector = connector;
    this.clock = clock;
    this.retryInterval = retryInterval;
  }

  void listen(MediaServerEvents events) {
    if (closed) {
      return;
    }
    this.events = events;
  }

  String id() {
    return spec.id();
  }

  boolean isConnected() {
    KurentoClient current = client;
    return current != null && connected && !current.isClosed();
  }

  /**
   * The client, connecting first if there is none and the last attempt is older than the retry
   * interval (a server that is down would otherwise cost a connection timeout on every call).
   * Once a client exists it reconnects by itself (kurento-client retries), so it is kept until
   * it reports itself closed.
   */
  KurentoClient clientOrNull() {
    KurentoClient current = client;
    if (current != null && !current.isClosed()) {
      return current;
    }
    connecting.lock();
    try {
      if (closed) {
        return null;
      }
      boolean replacing = false;
      if (client != null) {
        if (!client.isClosed()) {
          return client;
        }
        // kurento-client stops reconnecting after some failures (an error other than 40007 to its
        // connect): a closed client never comes back by itself, so a new one is opened.
        log.warn("The Kurento client of media server {} gave up reconnecting; opening a new one", spec.id());
        client = null;
        connected = false;
        replacing = true;
      }
      Instant now = clock.instant();
      if (lastAttempt != null && now.isBefore(lastAttempt.plus(retryInterval))) {
        return null;
      }
      lastAttempt = now;
      try {
        KurentoClient created = connector.connect(spec, this);
        connected = true;
        client = created;
        log.info("Connected to media server {} at {}", spec.id(), spec.uri());
        if (replacing) {
          // A new Kurento session: objects of the old one may be gone, as after reconnected(false).
          events.reconnected(spec.id(), false);
        }
        return created;
      } catch (RuntimeException e) {
        log.warn("Media server {} at {} is unreachable, retrying in {} at the earliest: {}",
            spec.id(), spec.uri(), retryInterval, e.toString());
        return null;
      }
    } finally {
      connecting.unlock();
    }
  }

  void close() {
    connecting.lock();
    KurentoClient current;
    try {
      closed = true;
      // Closing the socket reports a disconnection: nobody may take that for an outage.
      events = MediaServerEvents.NONE;
      current = client;
      client = null;
      connected = false;
    } finally {
      connecting.unlock();
    }
    if (current != null) {
      try {
        current.destroy();
      } catch (RuntimeException e) {
        log.debug("Closing the client of media server {} failed", spec.id(), e);
      }
    }
  }

  @Override
  public void connected() {
    connected = true;
  }

  @Override
  public void connectionFailed() {
    connected = false;
  }

  @Override
  public void disconnected() {
    connected = false;
    log.warn("Lost the connection to media server {}; the Kurento client keeps reconnecting", spec.id());
    events.disconnected(spec.id());
  }

  @Override
  public void reconnected(boolean sameServer) {
    connected = true;
    if (sameServer) {
      log.info("Reconnected to media server {}", spec.id());
    } else {
      // A new server session: the objects created before are gone on that server.
      log.warn("Reconnected to media server {}, but it lost our session and its media objects", spec.id());
    }
    events.reconnected(spec.id(), sameServer);
  }
}
