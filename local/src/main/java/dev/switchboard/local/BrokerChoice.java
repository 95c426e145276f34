package dev.switchboard.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Decides which AMQP broker the stack uses: a configured URI, else RabbitMQ on 127.0.0.1:5672
 * when a short TCP connect succeeds, else an embedded Qpid Broker-J. Called once, on the starting thread.
 */
final class BrokerChoice {
  static final String LOCAL_RABBITMQ = "amqp://guest:guest@127.0.0.1:5672";
  private static final Duration PROBE_TIMEOUT = Duration.ofMillis(300);

  /** The chosen broker: its URI, and the embedded broker to stop later (null for an external one). */
  record Broker(String uri, EmbeddedQpidBroker embedded) implements AutoCloseable {
    static Broker external(String uri) {
      return new Broker(uri, null);
    }

    static Broker startEmbedded(Path workDir) throws Exception {
      EmbeddedQpidBroker broker = EmbeddedQpidBroker.start(workDir);
      return new Broker(broker.uri(), broker);
    }

    @Override
    public void close() {
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  private BrokerChoice() {}

  /** The external broker's URI (configured, or RabbitMQ answering on 127.0.0.1:5672), or null: start the embedded one. */
  static String externalUri(String amqp) {
    if (amqp.startsWith("amqp://") || amqp.startsWith("amqps://")) {
      return amqp;
    }
    if (amqp.equals("auto") && reachable("127.0.0.1", 5672)) {
      return LOCAL_RABBITMQ;
    }
    return null;
  }

  static boolean reachable(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) PROBE_TIMEOUT.toMillis());
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The URI without its password, for logs. */
  static String redact(String uri) {
    return uri.replaceAll("//([^:/@]+):[^@]*@", "//$1:***@");
  }
}
