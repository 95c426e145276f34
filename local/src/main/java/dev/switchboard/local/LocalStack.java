package dev.switchboard.local;

import dev.switchboard.api.ApiApplication;
import dev.switchboard.medianode.MediaNode;
import dev.switchboard.medianode.config.MediaNodeConfig;
import dev.switchboard.wrapper.WrapperApplication;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Everything on one machine in one JVM: the embedded MongoDB (or an external one), RabbitMQ or
 * an embedded AMQP broker, a medianode (or external media servers), one wrapper and one api that
 * also serves the web client. {@link #start} runs on the caller's thread; {@link #close} stops the
 * parts in reverse order and may be called from a shutdown hook.
 */
public final class LocalStack implements AutoCloseable {
  /** Stable, so that the wrapper resumes its change stream after a restart on the same data folder. */
  private static final String WRAPPER_INSTANCE_ID = "local-wrapper";

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final PrintStream out;
  private String url;
  private LocalSecrets secrets;
  private String brokerUri;
  private boolean embeddedBroker;
  private boolean closed;

  private LocalStack(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    for (String arg : args) {
      if (arg.equals("--help") || arg.equals("-h")) {
        System.out.print(LocalConfig.usage());
        return;
      }
    }
    LocalConfig config;
    try {
      config = LocalConfig.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("switchboard: " + e.getMessage().replace("\n", "\nswitchboard: "));
      System.err.println("switchboard: --help lists the flags.");
      System.exit(2);
      return;
    }
    long startNanos = System.nanoTime();
    quietLibraries();
    LocalStack stack;
    try {
      stack = start(config, System.out);
    } catch (Exception e) {
      System.err.println("switchboard: could not start: " + e);
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "switchboard-stop"));
    System.out.printf("Switchboard is running: open %s#key=%s (started in %.1f s; Ctrl-C stops it)%n", stack.url(),
        stack.applicationKey(), (System.nanoTime() - startNanos) / 1e9);
    System.out.printf("Application key (Authorization: Bearer ... on POST /api/sessions and joins): %s%n"
        + "It is kept in the data folder; set SWITCHBOARD_API_APPLICATION_KEY to choose your own.%n", stack.applicationKey());
  }

  /**
   * Before Spring configures logging, the parts started first log with the medianode's logback.xml
   * at INFO; their start-up chatter would drown the progress lines.
   */
  private static void quietLibraries() {
    if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
      for (String name : new String[] {"org.apache.qpid", "qpid.message", "org.mongodb.driver"}) {
        context.getLogger(name).setLevel(ch.qos.logback.classic.Level.WARN);
      }
      // mongo-java-server warns about every index it cannot build (e.g. the api's TTL index) at each start.
      context.getLogger("de.bwaldvogel").setLevel(ch.qos.logback.classic.Level.ERROR);
    }
  }

  /** Starts every part; on failure stops what had started and rethrows. */
  public static LocalStack start(LocalConfig config, PrintStream out) throws Exception {
    LocalStack stack = new LocalStack(out);
    try {
      stack.startAll(config);
      return stack;
    } catch (Exception | Error e) {
      stack.close();
      throw e;
    }
  }

  private void startAll(LocalConfig config) throws Exception {
    Progress progress = new Progress(out);
    Path dataDir = config.dataDir();
    String mongoUri = config.mongodbUri();
    if (mongoUri == null) {
      Path file = dataDir.resolve("mongo.mv");
      EmbeddedMongoServer mongo = progress.step("starting MongoDB (file " + file + ")",
          () -> new EmbeddedMongoServer(file));
      started.push(mongo);
      mongoUri = mongo.uri();
    } else {
      progress.line("MongoDB at " + BrokerChoice.redact(mongoUri) + " (external)");
    }

    String externalBroker = BrokerChoice.externalUri(config.amqp());
    String brokerLabel = externalBroker != null ? "RabbitMQ at " + BrokerChoice.redact(externalBroker)
        : "starting the embedded AMQP broker (Apache Qpid Broker-J, in memory)";
    BrokerChoice.Broker broker = progress.step(brokerLabel, () -> externalBroker != null
        ? BrokerChoice.Broker.external(externalBroker)
        : BrokerChoice.Broker.startEmbedded(dataDir.resolve("qpid")));
    started.push(broker);
    brokerUri = broker.uri();
    embeddedBroker = broker.embedded() != null;
    if (embeddedBroker) {
      progress.line("  AMQP 0-9-1 at " + BrokerChoice.redact(brokerUri));
    }

    String mediaServers = config.mediaServers();
    if (mediaServers == null) {
      MediaNodeConfig nodeConfig = MediaNodeConfig.defaults().withPort(config.medianodePort())
          .withUdpPort(config.medianodeUdpPort());
      MediaNode node = progress.step("starting the medianode (UDP port " + config.medianodeUdpPort() + ")",
          () -> MediaNode.start(nodeConfig, Clock.systemUTC()));
      started.push(node);
      mediaServers = "local=" + node.url();
      progress.line("  Kurento-compatible medianode at " + node.url());
    } else {
      progress.line("media servers: " + mediaServers + " (external)");
    }

    Map<String, Object> common = common(mongoUri, broker.uri());
    Map<String, Object> wrapperProps = new HashMap<>(common);
    wrapperProps.put("spring.config.name", "wrapper");
    wrapperProps.put("server.address", "127.0.0.1");
    wrapperProps.put("server.port", config.wrapperPort());
    wrapperProps.put("switchboard.wrapper.instance-id", WRAPPER_INSTANCE_ID);
    wrapperProps.put("switchboard.wrapper.media-servers", mediaServers);
    ConfigurableApplicationContext wrapper = progress.step("starting the wrapper",
        () -> spring(WrapperApplication.class, wrapperProps));
    started.push(wrapper);

    Map<String, Object> apiProps = new HashMap<>(common);
    apiProps.put("spring.config.name", "api");
    apiProps.put("server.address", config.httpHost());
    apiProps.put("server.port", config.httpPort());
    secrets = LocalSecrets.in(dataDir);
    apiProps.put("switchboard.api.token-secret", secrets.tokenSecret());
    apiProps.put("switchboard.api.application-key", secrets.applicationKey());
    ConfigurableApplicationContext api = progress.step("starting the api and web client",
        () -> spring(ApiApplication.class, apiProps));
    started.push(api);

    String host = config.httpHost().equals("0.0.0.0") || config.httpHost().equals("::") ? "127.0.0.1"
        : config.httpHost();
    url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
        + api.getEnvironment().getProperty("local.server.port") + "/";
  }

  /*
   * spring.config.name names a file that does not exist, so neither module's application.yaml
   * (both are on this classpath, and each would hide the other) is read: every value comes from
   * here and from the modules' *-defaults.properties. Contexts get no shutdown hook of their
   * own, so that close() alone decides the order.
   */
  private static Map<String, Object> common(String mongoUri, String amqpUri) {
    Map<String, Object> props = new HashMap<>();
    props.put("spring.mongodb.uri", mongoUri);
    props.put("spring.rabbitmq.addresses", amqpUri);
    props.put("spring.main.banner-mode", "off");
    props.put("logging.register-shutdown-hook", false);
    props.put("spring.lifecycle.timeout-per-shutdown-phase", "3s");
    props.put("logging.level.root", "WARN");
    props.put("logging.level.dev.switchboard", "INFO");
    props.put("logging.level.dev.switchboard.local", "WARN");
    props.put("logging.level.org.apache.qpid", "WARN");
    props.put("logging.level.qpid.message", "WARN");
    props.put("logging.level.de.bwaldvogel", "ERROR");
    return props;
  }

  private static ConfigurableApplicationContext spring(Class<?> application, Map<String, Object> props) {
    // Command-line arguments, because they win over the modules' @PropertySource defaults
    // (api-defaults.properties sets the token secret), which builder properties would not.
    String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    return new SpringApplicationBuilder(application).registerShutdownHook(false).run(args);
  }

  /** The application key of this run's api: the backend's credential to create sessions and join participants. */
  public String applicationKey() {
    return secrets.applicationKey();
  }

  /** The address of the web client and API, e.g. {@code http://127.0.0.1:8080/}. */
  public String url() {
    return url;
  }

  /** The AMQP URI in use (RabbitMQ's or the embedded broker's). */
  public String brokerUri() {
    return brokerUri;
  }

  public boolean usesEmbeddedBroker() {
    return embeddedBroker;
  }

  /** Stops api, wrapper, medianode, broker and MongoDB, in that order (the reverse of start). */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    while (!started.isEmpty()) {
      AutoCloseable part = started.pop();
      try {
        part.close();
      } catch (Exception e) {
        out.println("switchboard: stopping " + part.getClass().getSimpleName() + " failed: " + e);
      }
    }
    out.println("Switchboard stopped.");
  }
}
