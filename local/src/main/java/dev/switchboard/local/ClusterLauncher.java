package dev.switchboard.local;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./switchboard cluster start}: starts a {@link LocalCluster} and keeps this JVM (the
 * api front) running until TERM, which stops every process. Flags: {@code --apis N --wrappers N
 * --medianodes N --port P --data-dir D}; RabbitMQ from SWITCHBOARD_AMQP_URI or 127.0.0.1:5672.
 */
public final class ClusterLauncher {
  private ClusterLauncher() {}

  public static void main(String[] args) throws Exception {
    int apis = 2;
    int wrappers = 3;
    int medianodes = 2;
    int port = 8080;
    String dataDir = System.getenv().getOrDefault("SWITCHBOARD_DATA_DIR", "./data");
    String amqp = System.getenv().getOrDefault("SWITCHBOARD_AMQP_URI", BrokerChoice.LOCAL_RABBITMQ);
    try {
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : null;
        switch (args[i]) {
          case "--apis" -> apis = Integer.parseInt(value);
          case "--wrappers" -> wrappers = Integer.parseInt(value);
          case "--medianodes" -> medianodes = Integer.parseInt(value);
          case "--port" -> port = Integer.parseInt(value);
          case "--data-dir" -> dataDir = value;
          default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
        }
        i++;
      }
    } catch (RuntimeException e) {
      System.err.println("switchboard cluster: " + e.getMessage()
          + "\nflags: --apis N --wrappers N --medianodes N --port P --data-dir D");
      System.exit(2);
      return;
    }
    long started = System.nanoTime();
    LocalCluster cluster;
    try {
      cluster = LocalCluster.start(new LocalCluster.Spec(apis, wrappers, medianodes, port, Path.of(dataDir), amqp),
          System.out);
    } catch (Exception e) {
      System.err.println("switchboard cluster: could not start: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      cluster.close();
      stopped.countDown();
    }, "cluster-stop"));
    System.out.printf("Switchboard cluster is running: %s#key=%s (started in %.1f s)%n", cluster.url(),
        cluster.applicationKey(), (System.nanoTime() - started) / 1e9);
    System.out.printf("Application key (Authorization: Bearer ... on POST /api/sessions and joins): %s%n",
        cluster.applicationKey());
    stopped.await();
  }
}
