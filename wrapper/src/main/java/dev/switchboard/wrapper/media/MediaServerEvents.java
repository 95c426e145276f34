package dev.switchboard.wrapper.media;

/**
 * What the Kurento client of one media server reports about its connection, for failover;
 * implementations are called on the client's own threads and must return quickly.
 */
public interface MediaServerEvents {
  /** The connection dropped (the client keeps reconnecting). */
  void disconnected(String serverId);

  /**
   * The connection is back. {@code sameServer} false means the server lost our session: it was
   * restarted in place and every object created before is gone.
   */
  void reconnected(String serverId, boolean sameServer);

  MediaServerEvents NONE = new MediaServerEvents() {
    @Override
    public void disconnected(String serverId) {}

    @Override
    public void reconnected(String serverId, boolean sameServer) {}
  };
}
