package dev.switchboard.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.lang.reflect.Field;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.SystemConfig;
import org.apache.qpid.server.SystemLauncher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory Apache Qpid Broker-J speaking AMQP 0-9-1 on a free loopback port, with one
 * guest/guest user; the broker runs its own threads, this class only starts and stops it.
 */
final class EmbeddedQpidBroker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedQpidBroker.class);

  /** What the stack loses on this broker compared with RabbitMQ (observed with Broker-J 10.1.0). */
  static final String LIMITATIONS = "the embedded AMQP broker (Apache Qpid Broker-J) lacks queue expiry "
      + "(x-expires and x-message-ttl are ignored: idle queues stay until it stops), dead-lettering "
      + "(x-dead-letter-exchange is ignored, and reject without requeue requeues), persistence (in memory: queues, "
      + "exchanges and messages are gone after a restart, so sessions from an earlier run cannot be joined) and "
      + "clustering. Run RabbitMQ (or set SWITCHBOARD_AMQP_URI) for anything beyond a local try-out.";

  /*
   * queue.behaviourOnUnknownDeclareArgument=IGNORE: Broker-J closes the connection (542) on declare
   * arguments it does not know (x-expires, x-message-ttl, x-queue-version, x-dead-letter-exchange);
   * IGNORE accepts the declaration without them (LOG would add a WARN per declared queue, and the
   * start-up WARN already says what is lost). PLAIN must be allowed without TLS for guest.
   */
  private static final String CONFIG = """
      {
        "name": "switchboard-local",
        "modelVersion": "8.0",
        "context": {
          "queue.behaviourOnUnknownDeclareArgument": "IGNORE",
          "qpid.broker.defaultPreferenceStoreAttributes": "{\\"type\\": \\"Noop\\"}"
        },
        "authenticationproviders": [ {
          "name": "plain",
          "type": "Plain",
          "secureOnlyMechanisms": [],
          "users": [ { "name": "guest", "type": "managed", "password": "guest" } ]
        } ],
        "ports": [ {
          "name": "AMQP",
          "port": "${qpid.amqp_port}",
          "bindingAddress": "127.0.0.1",
          "protocols": [ "AMQP_0_9_1" ],
          "authenticationProvider": "plain",
          "virtualhostaliases": [ { "name": "defaultAlias", "type": "defaultAlias" } ]
        } ],
        "virtualhostnodes": [ {
          "name": "default",
          "type": "Memory",
          "defaultVirtualHostNode": "true",
          "virtualHostInitialConfiguration": "{\\"type\\": \\"Memory\\"}"
        } ]
      }
      """;

  private final SystemLauncher launcher;
  private final int port;

  private EmbeddedQpidBroker(SystemLauncher launcher, int port) {
    this.launcher = launcher;
    this.port = port;
  }

  static EmbeddedQpidBroker start(Path workDir) throws Exception {
    Files.createDirectories(workDir);
    Path config = workDir.resolve("qpid-config.json");
    Files.writeString(config, CONFIG);
    // Broker-J reads its defaults from classpath: URLs through a handler the JDK looks up with the
    // system class loader, which cannot see the launcher jar's nested jars: give it files instead.
    Path systemProperties = workDir.resolve("qpid-system.properties");
    Files.writeString(systemProperties, "");
    int port = FreePorts.tcp();
    Map<String, Object> context = new HashMap<>();
    context.put("qpid.work_dir", workDir.toAbsolutePath().toString());
    context.put("qpid.amqp_port", port);
    Map<String, Object> attributes = new HashMap<>();
    attributes.put("type", "Memory");
    attributes.put("initialConfigurationLocation", config.toUri().toString());
    attributes.put("initialSystemPropertiesLocation", systemProperties.toUri().toString());
    attributes.put("startupLoggedToSystemOut", false);
    attributes.put("context", context);
    AtomicReference<SystemConfig<?>> system = new AtomicReference<>();
    SystemLauncher launcher = new SystemLauncher(new SystemLauncherListener.DefaultSystemLauncherListener() {
      @Override
      public void onContainerResolve(SystemConfig<?> config) {
        system.set(config);
      }
    });
    try {
      launcher.startup(attributes);
    } catch (Exception e) {
      launcher.shutdown();
      throw e;
    }
    removeBrokerShutdownHook(system.get());
    log.warn(LIMITATIONS);
    return new EmbeddedQpidBroker(launcher, port);
  }

  String uri() {
    return "amqp://guest:guest@127.0.0.1:" + port;
  }

  @Override
  public void close() {
    try {
      launcher.shutdown();
    } catch (IllegalStateException e) {
      // already stopped by its own shutdown hook
    }
  }

  /*
   * The broker adds its own JVM shutdown hook, which on Ctrl-C would stop it while the api and the
   * wrapper still use it (they then log reconnection errors, and our close() fails). LocalStack
   * stops it in order instead, so the hook is taken out; if a later Broker-J renames the field,
   * only the shutdown becomes noisier.
   */
  private static void removeBrokerShutdownHook(SystemConfig<?> system) {
    if (system == null || system.getContainer() == null) {
      return;
    }
    for (Class<?> type = system.getContainer().getClass(); type != null; type = type.getSuperclass()) {
      try {
        Field field = type.getDeclaredField("_shutdownHook");
        field.setAccessible(true);
        Runtime.getRuntime().removeShutdownHook((Thread) field.get(system.getContainer()));
        return;
      } catch (NoSuchFieldException e) {
        // look in the superclass
      } catch (ReflectiveOperationException | RuntimeException e) {
        log.debug("Could not remove Broker-J's shutdown hook", e);
        return;
      }
    }
  }
}
