package dev.switchboard.api.support;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;

/** One in-memory MongoDB server for the whole test JVM, on a random port; started on first use, thread-safe. */
public final class EmbeddedMongo {
  private static final MongoServer SERVER = start();

  private EmbeddedMongo() {}

  public static String uri() {
    InetSocketAddress address = SERVER.getLocalAddress();
    return "mongodb://" + address.getHostString() + ":" + address.getPort() + "/switchboard-api-test";
  }

  private static MongoServer start() {
    MongoServer server = new MongoServer(new MemoryBackend());
    server.bind("127.0.0.1", 0);
    Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "embedded-mongo-stop"));
    return server;
  }
}
