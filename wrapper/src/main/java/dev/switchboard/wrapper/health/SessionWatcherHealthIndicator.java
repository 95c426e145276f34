package dev.switchboard.wrapper.health;

import dev.switchboard.wrapper.config.WrapperProperties;
import dev.switchboard.wrapper.messaging.SessionQueueConsumers;
import dev.switchboard.wrapper.session.SessionChangeWatcher;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * "sessionWatcher": UP while the sessions change stream is open, i.e. while this instance picks
 * up new sessions; stateless (reads the watcher's flag).
 */
@Component
public class SessionWatcherHealthIndicator extends AbstractHealthIndicator {
  private final SessionChangeWatcher watcher;
  private final SessionQueueConsumers consumers;
  private final String instanceId;

  public SessionWatcherHealthIndicator(SessionChangeWatcher watcher, SessionQueueConsumers consumers,
      WrapperProperties properties) {
    this.watcher = watcher;
    this.consumers = consumers;
    this.instanceId = properties.instanceId();
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    (watcher.isWatching() ? builder.up() : builder.down())
        .withDetail("instanceId", instanceId)
        .withDetail("sessionQueues", consumers.consumed().size());
  }
}
