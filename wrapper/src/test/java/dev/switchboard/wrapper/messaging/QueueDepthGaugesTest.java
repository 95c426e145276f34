package dev.switchboard.wrapper.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.switchboard.contracts.Topology;
import dev.switchboard.wrapper.config.MetricsProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.AmqpConnectException;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.scheduling.TaskScheduler;

/** The shared queues' gauges show the last read depth and consumers, and -1 once a read fails or the queue is missing. */
class QueueDepthGaugesTest {
  private final RabbitAdmin admin = mock(RabbitAdmin.class);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final QueueDepthGauges gauges = new QueueDepthGauges(admin, mock(TaskScheduler.class),
      new MetricsProperties(Duration.ofSeconds(10)), registry);

  @Test
  void unknownUntilRead_thenTheLastFigures_thenUnknownWhenTheBrokerFails() {
    assertThat(depth(Topology.WRAPPER_QUEUE)).isEqualTo(-1);

    when(admin.getQueueInfo(Topology.WRAPPER_QUEUE)).thenReturn(new QueueInformation(Topology.WRAPPER_QUEUE, 7, 3));
    when(admin.getQueueInfo(Topology.DEAD_LETTER_QUEUE)).thenReturn(null);
    gauges.refresh();
    assertThat(depth(Topology.WRAPPER_QUEUE)).isEqualTo(7);
    assertThat(registry.get(QueueDepthGauges.CONSUMERS).tag("queue", Topology.WRAPPER_QUEUE).gauge().value())
        .isEqualTo(3);
    assertThat(depth(Topology.DEAD_LETTER_QUEUE)).as("missing queue").isEqualTo(-1);

    when(admin.getQueueInfo(Topology.WRAPPER_QUEUE)).thenThrow(new AmqpConnectException(new java.io.IOException("down")));
    gauges.refresh();
    assertThat(depth(Topology.WRAPPER_QUEUE)).isEqualTo(-1);
  }

  @Test
  void anIntervalBelowOneSecondIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new MetricsProperties(Duration.ofMillis(500)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("queue-depth-interval");
  }

  private double depth(String queue) {
    return registry.get(QueueDepthGauges.DEPTH).tag("queue", queue).gauge().value();
  }
}
