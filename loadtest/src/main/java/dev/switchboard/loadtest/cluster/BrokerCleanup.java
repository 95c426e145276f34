package dev.switchboard.loadtest.cluster;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.switchboard.contracts.Topology;
import java.util.Collection;

/**
 * Deletes the session and user queues (and session exchanges) a load-test run created, since the
 * shared broker's file descriptors are few; also tells whether the broker is reachable at all.
 * Stateless; used by every cluster scenario.
 */
public final class BrokerCleanup {
  private BrokerCleanup() {
  }

  /** Null when an AMQP connection to {@code amqpUri} opens (three tries: a busy broker is slow), else why not. */
  public static String unreachableReason(String amqpUri) {
    Exception last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      try (Connection ignored = factory(amqpUri).newConnection("loadtest-probe")) {
        return null;
      } catch (Exception e) {
        last = e;
      }
    }
    return "RabbitMQ at " + amqpUri + " is unreachable: " + last;
  }

  /** Best effort; returns how many objects it deleted. */
  public static int delete(String amqpUri, Collection<String> sessions, Collection<String> participants) {
    int deleted = 0;
    try (Connection connection = factory(amqpUri).newConnection("loadtest-cleanup")) {
      for (String sid : sessions) {
        deleted += quietly(connection, c -> c.queueDelete(Topology.sessionQueue(sid)));
        deleted += quietly(connection, c -> c.exchangeDelete(Topology.sessionExchange(sid)));
      }
      for (String pid : participants) {
        deleted += quietly(connection, c -> c.queueDelete(Topology.userQueue(pid)));
      }
    } catch (Exception e) {
      System.out.println("loadtest: broker cleanup failed: " + e);
    }
    return deleted;
  }

  private interface Deletion {
    void run(Channel channel) throws Exception;
  }

  /** One channel per deletion: a failed one closes its channel. */
  private static int quietly(Connection connection, Deletion deletion) {
    try (Channel channel = connection.createChannel()) {
      deletion.run(channel);
      return 1;
    } catch (Exception e) {
      return 0;
    }
  }

  private static ConnectionFactory factory(String amqpUri) throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(amqpUri);
    factory.setConnectionTimeout(10_000);
    factory.setHandshakeTimeout(10_000);
    return factory;
  }
}
