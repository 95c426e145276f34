package dev.switchboard.api.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.ApiApplication;
import dev.switchboard.api.support.ApiClient;
import dev.switchboard.api.support.ApiClient.Participant;
import dev.switchboard.api.support.ApiIntegrationTest;
import dev.switchboard.api.support.Broker;
import dev.switchboard.api.support.EmbeddedMongo;
import dev.switchboard.contracts.Topology;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An api instance that shuts down answers its waiting long polls at once (200, no messages) and
 * then stops, instead of holding them for their whole wait; the participant's next poll, on
 * another instance, gets what arrived meanwhile.
 */
class ShutdownPollTest extends ApiIntegrationTest {
  @Test
  void shuttingDownAnswersWaitingPollsAtOnce() throws Exception {
    ConfigurableApplicationContext leaving = new SpringApplicationBuilder(ApiApplication.class).run(
        "--server.port=0", "--spring.main.banner-mode=off", "--spring.mongodb.uri=" + EmbeddedMongo.uri(),
        "--spring.lifecycle.timeout-per-shutdown-phase=30s");
    boolean closed = false;
    try {
      ApiClient viaLeaving = new ApiClient(((WebServerApplicationContext) leaving).getWebServer().getPort());
      Participant ada = join(newSession(), "Ada");
      // Its own thread: the common pool has one thread on two cores, and other tests' async polls may hold it.
      CompletableFuture<ApiClient.Response> poll = new CompletableFuture<>();
      Thread.ofVirtual().name("waiting-poll").start(() -> {
        try {
          poll.complete(viaLeaving.poll(ada, 0, 25));
        } catch (RuntimeException e) {
          poll.completeExceptionally(e);
        }
      });
      // A waiting poll consumes the participant's queue; watched from outside, since a second poll would
      // race it for the participant's lease.
      assertThat(waitsWithin(Duration.ofSeconds(10),
          () -> Broker.consumerCount(Topology.userQueue(ada.participantId())) == 1)).as("the poll waits").isTrue();

      long started = System.nanoTime();
      leaving.close();
      closed = true;
      long closeMillis = (System.nanoTime() - started) / 1_000_000;

      ApiClient.Response answer = poll.get(5, TimeUnit.SECONDS);
      assertThat(answer.status()).as(answer.body()).isEqualTo(200);
      assertThat(answer.deliveries()).isEmpty();
      assertThat(closeMillis).as("the instance stopped without waiting out the 25 s poll").isLessThan(15_000);
      assertThat(api.poll(ada, 0, 0).status()).as("the next poll, on another instance").isEqualTo(200);
    } finally {
      if (!closed) {
        leaving.close();
      }
    }
  }

  private static boolean waitsWithin(Duration limit, java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }
}
