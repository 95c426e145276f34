package dev.switchboard.wrapper.testing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;

/**
 * An in-memory MongoDB (mongo-java-server) on a free port, with the oplog on so that change
 * streams work. One per test class, or the shared one for Spring contexts.
 */
public final class EmbeddedMongo implements AutoCloseable {
  private static EmbeddedMongo shared;

  private final MongoServer server;
  private final int port;

  private EmbeddedMongo() {
    server = new MongoServer(new MemoryBackend());
    server.enableOplog();
    InetSocketAddress address = server.bind();
    port = address.getPort();
  }

  public static EmbeddedMongo start() {
    return new EmbeddedMongo();
  }

  /** One server for every Spring context of the test run (contexts are cached across classes). */
  public static synchronized EmbeddedMongo shared() {
    if (shared == null) {
      shared = new EmbeddedMongo();
    }
    return shared;
  }

  public String uri(String database) {
    return "mongodb://127.0.0.1:" + port + "/" + database;
  }

  public MongoClient client() {
    return MongoClients.create("mongodb://127.0.0.1:" + port);
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
