package dev.switchboard.api.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Stopping ends every waiting poll at once, and a poll that starts waiting while stopping does not wait. */
class PollDrainTest {
  @Test
  void stopEndsWaitingPollsAndLaterOnesAtOnce() {
    PollDrain drain = new PollDrain();
    drain.start();
    CompletableFuture<Boolean> waiting = new CompletableFuture<>();
    CompletableFuture<Boolean> done = new CompletableFuture<>();
    drain.watch(waiting);
    drain.watch(done).run();

    drain.stop();

    assertThat(waiting).isCompletedWithValue(false);
    assertThat(done).as("a poll no longer waiting is not touched").isNotDone();
    CompletableFuture<Boolean> late = new CompletableFuture<>();
    drain.watch(late);
    assertThat(late).isCompletedWithValue(false);
    assertThat(drain.draining()).isTrue();
  }

  @Test
  void aMessageThatArrivedFirstStaysArrived() {
    PollDrain drain = new PollDrain();
    drain.start();
    CompletableFuture<Boolean> arrived = new CompletableFuture<>();
    drain.watch(arrived);
    arrived.complete(true);
    drain.stop();
    assertThat(arrived).isCompletedWithValue(true);
  }
}
