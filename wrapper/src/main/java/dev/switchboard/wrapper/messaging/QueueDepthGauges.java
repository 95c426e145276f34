package dev.switchboard.wrapper.messaging;

import dev.switchboard.contracts.Topology;
import dev.switchboard.wrapper.config.MetricsProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * The gauges {@code switchboard.wrapper.queue.depth{queue}} (messages ready) and
 * {@code switchboard.wrapper.queue.consumers{queue}} of the shared queues: the {@code wrapper}
 * work queue and the dead-letter queue. A scheduled task reads them by passive declare every
 * {@code queue-depth-interval} and a scrape only reads the last figures, so scraping never waits for
 * the broker; -1 while unknown (not read yet, or the broker unreachable). Thread-safe.
 *
 * <p>Session and user queues are not gauged one by one: there is one per session and per
 * participant, far too many series; the api records user-queue depth as each poll sees it.
 */
@Component
public class QueueDepthGauges implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(QueueDepthGauges.class);
  public static final String DEPTH = "switchboard.wrapper.queue.depth";
  public static final String CONSUMERS = "switchboard.wrapper.queue.consumers";
  static final long UNKNOWN = -1;

  private final RabbitAdmin admin;
  private final TaskScheduler scheduler;
  private final MetricsProperties properties;
  private final Map<String, AtomicLong> depths = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> consumers = new ConcurrentHashMap<>();
  private volatile ScheduledFuture<?> reading;
  /** Queues whose last read failed and was logged: one warning per outage, not one per interval. */
  private final Set<String> failing = ConcurrentHashMap.newKeySet();

  public QueueDepthGauges(RabbitAdmin admin, TaskScheduler scheduler, MetricsProperties properties,
      MeterRegistry registry) {
    this.admin = admin;
    this.scheduler = scheduler;
    this.properties = properties;
    for (String queue : new String[] {Topology.WRAPPER_QUEUE, Topology.DEAD_LETTER_QUEUE}) {
      AtomicLong depth = depths.computeIfAbsent(queue, q -> new AtomicLong(UNKNOWN));
      AtomicLong count = consumers.computeIfAbsent(queue, q -> new AtomicLong(UNKNOWN));
      Gauge.builder(DEPTH, depth, AtomicLong::get).tag("queue", queue)
          .description("Messages ready in a shared queue, as last read (-1 unknown)").register(registry);
      Gauge.builder(CONSUMERS, count, AtomicLong::get).tag("queue", queue)
          .description("Consumers of a shared queue, as last read (-1 unknown)").register(registry);
    }
  }

  /** Reads every gauged queue once; a failure leaves that queue unknown until the next read. */
  public void refresh() {
    for (Map.Entry<String, AtomicLong> entry : depths.entrySet()) {
      String queue = entry.getKey();
      long depth = UNKNOWN;
      long count = UNKNOWN;
      try {
        QueueInformation info = admin.getQueueInfo(queue);
        if (info != null) {
          depth = info.getMessageCount();
          count = info.getConsumerCount();
        }
        failing.remove(queue);
      } catch (RuntimeException e) {
        if (failing.add(queue)) {
          log.warn("Could not read the depth of queue {}: {}", queue, e.toString());
        }
      }
      entry.getValue().set(depth);
      consumers.get(queue).set(count);
    }
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      log.debug("Queue depth read failed", e);
    }
  }

  @Override
  public void start() {
    reading = scheduler.scheduleWithFixedDelay(this::refreshQuietly, properties.queueDepthInterval());
  }

  @Override
  public void stop() {
    ScheduledFuture<?> running = reading;
    if (running != null) {
      running.cancel(false);
      reading = null;
    }
  }

  @Override
  public boolean isRunning() {
    return reading != null;
  }
}
