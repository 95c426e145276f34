package dev.switchboard.wrapper.it;

import dev.switchboard.wrapper.WrapperApplication;
import dev.switchboard.wrapper.testing.Broker;
import dev.switchboard.wrapper.testing.EmbeddedMongo;
import dev.switchboard.wrapper.testing.WrapperTestConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A whole wrapper instance (Spring context, web server on a free port) against the real RabbitMQ
 * on 127.0.0.1:5672 and the embedded MongoDB, with fake media servers. Subclasses share one
 * context.
 */
@SpringBootTest(classes = WrapperApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
        "spring.rabbitmq.addresses=amqp://guest:guest@" + Broker.HOST + ":" + Broker.PORT,
        "switchboard.wrapper.instance-id=it-primary",
        "switchboard.wrapper.media-servers=ms1=ws://ms1.invalid:8888/kurento,ms2=ws://ms2.invalid:8888/kurento",
        "switchboard.wrapper.command-retry-backoff=20ms",
        "switchboard.wrapper.queue-delete-delay=500ms",
        "switchboard.wrapper.change-stream-poll-interval=50ms",
    })
@Import(WrapperTestConfiguration.class)
abstract class WrapperIntegrationTest {
  static final String DATABASE = "wrapper-it";

  @DynamicPropertySource
  static void mongo(DynamicPropertyRegistry registry) {
    registry.add("spring.mongodb.uri", () -> EmbeddedMongo.shared().uri(DATABASE));
  }

  @BeforeAll
  static void requireRabbit() {
    Broker.requireRabbit();
  }
}
