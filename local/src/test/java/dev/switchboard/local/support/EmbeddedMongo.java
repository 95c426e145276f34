package dev.switchboard.local.support;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;

/** An in-memory MongoDB with an oplog (change streams) on a free loopback port, for one test class. */
public final class EmbeddedMongo implements AutoCloseable {
  private final MongoServer server;
  private final String uri;

  public EmbeddedMongo() {
    server = new MongoServer(new MemoryBackend());
    server.enableOplog();
    server.bind("127.0.0.1", 0);
    InetSocketAddress address = server.getLocalAddress();
    uri = "mongodb://127.0.0.1:" + address.getPort() + "/switchboard";
  }

  public String uri() {
    return uri;
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
