package dev.switchboard.local;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The embedded MongoDB (mongo-java-server with its H2 backend) persisting to one file, with an
 * oplog so that change streams work; its I/O threads are the server's own (Netty).
 *
 * <p>The server answers an empty change-stream read at once, so an idle watcher would spin; the
 * wrapper throttles on its side ({@code tryNext()} then {@code change-stream-poll-interval}), which
 * is why nothing is throttled here.
 */
final class EmbeddedMongoServer implements AutoCloseable {
  private final H2Backend backend;
  private final MongoServer server;
  private final String uri;

  EmbeddedMongoServer(Path file) throws java.io.IOException {
    this(file, 0);
  }

  /** Listens on 127.0.0.1:{@code port} ({@code 0}: a free port). */
  EmbeddedMongoServer(Path file, int port) throws java.io.IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    // Committed after every command: a kill -9 keeps every acknowledged write (H2 alone: up to a second lost).
    backend = new CommittingH2Backend(file.toString());
    server = new MongoServer(backend);
    server.enableOplog();
    InetSocketAddress address;
    try {
      server.bind("127.0.0.1", port);
      address = server.getLocalAddress();
    } catch (RuntimeException e) {
      backend.close();
      throw e;
    }
    uri = "mongodb://127.0.0.1:" + address.getPort() + "/switchboard";
  }

  String uri() {
    return uri;
  }

  /** Stops serving, then commits and closes the file. */
  @Override
  public void close() {
    server.shutdownNow();
    backend.close();
  }
}
