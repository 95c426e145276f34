package dev.switchboard.api.poll;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.springframework.amqp.AmqpIOException;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.RabbitUtils;

/**
 * One poll's view of a participant's queue, on a channel of its own: remove acknowledged
 * messages from the head, peek at the next ones without removing them, wait for one to arrive.
 * Confined to the polling thread (only the wake-up callback runs on a RabbitMQ thread). Closing
 * closes the channel for real, so the broker requeues anything left unacknowledged.
 */
final class UserQueue implements AutoCloseable {
  private final Channel channel;
  private final String queue;
  /** Messages ready in the queue when it was opened (the passive declare's count: no extra broker call). */
  private long depthAtOpen;

  private UserQueue(Channel channel, String queue) {
    this.channel = channel;
    this.queue = queue;
  }

  /** Opens a channel and checks that the queue exists. */
  static UserQueue open(ConnectionFactory connectionFactory, String queue) throws QueueMissingException {
    Channel channel = connectionFactory.createConnection().createChannel(false);
    UserQueue opened = new UserQueue(channel, queue);
    try {
      opened.depthAtOpen = channel.queueDeclarePassive(queue).getMessageCount();
      return opened;
    } catch (IOException e) {
      opened.close();
      if (isQueueGone(e)) {
        throw new QueueMissingException();
      }
      throw new AmqpIOException(e);
    } catch (RuntimeException e) {
      opened.close();
      throw e;
    }
  }

  /** Messages ready in the queue when this poll opened it (acknowledged ones not yet removed included). */
  long depthAtOpen() {
    return depthAtOpen;
  }

  /** Removes up to {@code count} messages from the head of the queue; returns how many there were. */
  long remove(long count) throws IOException {
    long removed = 0;
    long lastTag = -1;
    while (removed < count) {
      GetResponse head = channel.basicGet(queue, false);
      if (head == null) {
        break;
      }
      lastTag = head.getEnvelope().getDeliveryTag();
      removed++;
    }
    if (lastTag >= 0) {
      channel.basicAck(lastTag, true);
    }
    return removed;
  }

  /**
   * Reads up to {@code max} messages from the head and puts them all back: RabbitMQ requeues
   * rejected messages of a classic queue at their original position, so the queue is unchanged.
   */
  List<byte[]> peek(int max) throws IOException {
    List<byte[]> bodies = new ArrayList<>();
    long lastTag = -1;
    while (bodies.size() < max) {
      GetResponse next = channel.basicGet(queue, false);
      if (next == null) {
        break;
      }
      bodies.add(next.getBody());
      lastTag = next.getEnvelope().getDeliveryTag();
    }
    if (lastTag >= 0) {
      channel.basicNack(lastTag, true, true);
    }
    return bodies;
  }

  /**
   * Waits up to {@code wait} for a message without spinning: a consumer with prefetch 1 wakes us
   * when one is delivered. Every {@code renewEvery} of waiting it asks {@code stillOurs} (the
   * poll's lease renewal) and gives up when that says no. Whatever it received is put back before
   * returning, so the caller peeks it in order. Returns whether a message arrived.
   */
  boolean awaitMessage(Duration wait, Duration renewEvery, BooleanSupplier stillOurs, PollDrain drain) throws IOException {
    CompletableFuture<Boolean> arrived = new CompletableFuture<>();
    Runnable unwatch = drain.watch(arrived);
    channel.basicQos(1);
    String consumerTag = channel.basicConsume(queue, false, new DefaultConsumer(channel) {
      @Override
      public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        arrived.complete(true);
      }

      @Override
      public void handleCancel(String tag) {
        arrived.complete(false); // the queue was deleted
      }

      @Override
      public void handleShutdownSignal(String tag, ShutdownSignalException signal) {
        arrived.complete(false);
      }
    });
    try {
      long deadline = System.nanoTime() + wait.toNanos();
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          return arrived.get(Math.min(left, renewEvery.toNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          if (deadline - System.nanoTime() > 0 && !stillOurs.getAsBoolean()) {
            return false;
          }
        }
      }
    } catch (ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      unwatch.run();
      if (channel.isOpen()) {
        try {
          channel.basicCancel(consumerTag);
        } catch (IOException alreadyCancelled) {
          // The broker cancelled it (queue deleted): nothing left to stop.
        }
        // Delivery tag 0 with multiple=true rejects everything unacknowledged on this channel:
        // the delivery may still be on its way to the callback, so its tag may be unknown here.
        channel.basicNack(0, true, true);
      }
    }
  }

  /** Whether a channel operation failed because the queue does not exist (any method, reply 404). */
  static boolean isQueueGone(IOException e) {
    return e.getCause() instanceof ShutdownSignalException signal
        && signal.getReason() instanceof AMQP.Channel.Close close
        && close.getReplyCode() == AMQP.NOT_FOUND;
  }

  @Override
  public void close() {
    // A physical close, never a return to the channel cache: if anything is still unacknowledged
    // (a failure halfway through), the broker requeues it before the next poll can start.
    RabbitUtils.setPhysicalCloseRequired(channel, true);
    try {
      RabbitUtils.closeChannel(channel);
    } finally {
      RabbitUtils.clearPhysicalCloseRequired();
    }
  }

  /** The participant's queue does not exist. */
  static final class QueueMissingException extends Exception {
    QueueMissingException() {
      super(null, null, false, false);
    }
  }
}
