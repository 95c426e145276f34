package dev.switchboard.medianode.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.medianode.support.RunningNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;

/**
 * A closing node stops listening before it says goodbye: a client that reconnects the moment it
 * reads the close frame (as kurento-client does) is refused instead of reaching a dying node
 * that it would then take for a live one.
 */
class ShutdownOrderTest {

  // Repeated: the race is short; the old order (clients first) lost it about two times in three.
  @RepeatedTest(30)
  void aClientReconnectingOnTheCloseFrameIsRefused() throws Exception {
    RunningNode running = new RunningNode();
    URI url = running.node.url();
    CompletableFuture<String> reconnect = new CompletableFuture<>();
    WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(url, new WebSocket.Listener() {
      @Override
      public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        reconnect.complete(tryConnect(url));
        return null;
      }

      @Override
      public void onError(WebSocket webSocket, Throwable error) {
        reconnect.complete(tryConnect(url));
      }
    }).get(5, TimeUnit.SECONDS);
    assertThat(socket.isInputClosed()).isFalse();

    running.close();

    assertThat(reconnect.get(5, TimeUnit.SECONDS)).isEqualTo("refused");
  }

  private static String tryConnect(URI url) {
    try (Socket probe = new Socket()) {
      probe.connect(new InetSocketAddress(url.getHost(), url.getPort()), 1000);
      return "accepted";
    } catch (ConnectException e) {
      return "refused";
    } catch (IOException e) {
      return e.toString();
    }
  }
}
