package dev.switchboard.wrapper.media;

import org.kurento.client.KurentoClient;
import org.kurento.client.KurentoConnectionListener;
import org.kurento.jsonrpc.client.JsonRpcClientNettyWebSocket;
import org.kurento.jsonrpc.client.JsonRpcWSConnectionListener;

/**
 * A Kurento client that, when destroyed, closes its socket without sending {@code closeSession};
 * built the way {@code KurentoClient.create(uri, listener)} builds one, with that single
 * difference. Thread-safe as the Kurento client is.
 *
 * <p>Why: KMS answers {@code closeSession} by releasing every object that only this client's
 * session references (kurento-protocol.md §3, §5). Media objects belong to sessions stored in
 * MongoDB, not to the wrapper process that happened to create them, and are released explicitly;
 * a wrapper that stops (a rolling update, scale-in) must leave its calls running while another
 * instance takes over their event subscriptions. A socket that just closes keeps the objects
 * for the server's garbage-collection period (240 s on KMS).
 */
public final class SessionKeepingKurentoClient extends KurentoClient {
  private SessionKeepingKurentoClient(JsonRpcClientNettyWebSocket client) {
    super(client);
  }

  /** Connects to {@code uri} (blocking, as {@code KurentoClient.create}) and reports to {@code listener}. */
  public static KurentoClient connect(String uri, KurentoConnectionListener listener) {
    JsonRpcClientNettyWebSocket client = new JsonRpcClientNettyWebSocket(uri, adapt(listener));
    configureJsonRpcClient(client);
    client.setSendCloseMessage(false);
    return new SessionKeepingKurentoClient(client);
  }

  /** What kurento-client's package-private adapter does: reconnecting counts as disconnected. */
  private static JsonRpcWSConnectionListener adapt(KurentoConnectionListener listener) {
    return new JsonRpcWSConnectionListener() {
      @Override
      public void connected() {
        listener.connected();
      }

      @Override
      public void connectionFailed() {
        listener.connectionFailed();
      }

      @Override
      public void disconnected() {
        listener.disconnected();
      }

      @Override
      public void reconnected(boolean sameServer) {
        listener.reconnected(sameServer);
      }

      @Override
      public void reconnecting() {
        listener.disconnected();
      }
    };
  }
}
