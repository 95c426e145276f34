package dev.switchboard.local;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The cluster's shared MongoDB as its own process: {@link EmbeddedMongoServer} on
 * {@code 127.0.0.1:<port>} persisting to {@code <file>}. Args: {@code <port> <file>}. Stops on TERM.
 */
public final class MongoMain {
  private MongoMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: MongoMain <port> <file>");
      System.exit(2);
    }
    EmbeddedMongoServer mongo = new EmbeddedMongoServer(Path.of(args[1]), Integer.parseInt(args[0]));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      mongo.close();
      stopped.countDown();
    }, "mongo-stop"));
    System.out.println("MongoDB listening at " + mongo.uri());
    stopped.await();
  }
}
