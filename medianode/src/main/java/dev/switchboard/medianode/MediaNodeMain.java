package dev.switchboard.medianode;

import dev.switchboard.medianode.config.ConfigException;
import dev.switchboard.medianode.config.ConfigLoader;
import dev.switchboard.medianode.config.MediaNodeConfig;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Command-line entry point: {@code java -jar medianode.jar [--flag value]...}; {@code --help} lists the flags. */
public final class MediaNodeMain {
  private static final Logger log = LoggerFactory.getLogger(MediaNodeMain.class);

  private MediaNodeMain() {}

  public static void main(String[] args) throws InterruptedException {
    long started = System.nanoTime();
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      System.out.print(ConfigLoader.help());
      return;
    }
    MediaNodeConfig config;
    try {
      config = ConfigLoader.load(args, System.getenv());
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.err.println("Run with --help for the list of flags.");
      System.exit(2);
      return;
    }
    MediaNode node;
    try {
      node = MediaNode.start(config, Clock.systemUTC());
    } catch (RuntimeException e) {
      log.error("medianode could not start: {}", e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      // SIGTERM (a pod being deleted): stop being ready at once, so the pod leaves the headless
      // service's DNS and the wrappers move its sessions away, keep serving meanwhile, and stop
      // once no pipeline is left or the drain timeout passed.
      log.info("medianode stopping: draining for up to {} s", config.drainTimeout().toSeconds());
      node.drain(config.drainTimeout());
      node.close();
      stopped.countDown();
      log.info("medianode stopped");
      // A drained stop is a clean one: exit 0 rather than the 143 the JVM reports after SIGTERM.
      // Nothing is lost by halting here: this is the process's only shutdown hook with work left.
      Runtime.getRuntime().halt(0);
    }, "medianode-shutdown"));
    log.info("medianode ready at {} in {} ms (UDP media port {}, GC period {} s, {})", node.url(),
        (System.nanoTime() - started) / 1_000_000, node.mediaPlane().port(), config.gcPeriod().toSeconds(),
        config.requiresSecret() ? "secret required" : "no secret");
    if (!config.requiresSecret() && !isLoopback(config.host())) {
      // Anyone who reaches this port can create and connect media elements: say so loudly.
      log.warn("the Kurento endpoint listens on {} without a secret: set --secret-file (MEDIANODE_SECRET_FILE) "
          + "or keep it on loopback or a private network only the wrappers reach", config.host());
    }
    stopped.await();
  }

  private static boolean isLoopback(String host) {
    return java.net.InetAddress.ofLiteral(host).isLoopbackAddress();
  }
}
