package dev.switchboard.loadtest.signalling;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.switchboard.contracts.Topology;
import dev.switchboard.local.client.ApiClient;

/**
 * Deletes the session and participant queues (and session exchanges) a run created, from the
 * broker and vhost of the run's AMQP URI: idle queues outlive the services and hold broker file
 * descriptors, which the shared broker has few of. Stateless.
 */
final class BrokerLeftovers {
  private BrokerLeftovers() {
  }

  /** Deletes what {@code client} created; returns how many queues it deleted. Best effort. */
  static int delete(String amqpUri, ApiClient client) {
    ConnectionFactory factory = new ConnectionFactory();
    int deleted = 0;
    try {
      factory.setUri(amqpUri);
      try (Connection connection = factory.newConnection("signalling-cleanup")) {
        for (String sid : client.createdSessions) {
          deleted += quietly(connection, c -> c.queueDelete(Topology.sessionQueue(sid)));
          quietly(connection, c -> c.exchangeDelete(Topology.sessionExchange(sid)));
        }
        for (String pid : client.createdParticipants) {
          deleted += quietly(connection, c -> c.queueDelete(Topology.userQueue(pid)));
        }
      }
    } catch (Exception e) {
      System.out.println("signalling: could not delete the run's queues: " + e.getMessage());
    }
    client.createdSessions.clear();
    client.createdParticipants.clear();
    return deleted;
  }

  private interface ChannelAction {
    void run(Channel channel) throws Exception;
  }

  /** A channel per action: a failed delete closes its channel. */
  private static int quietly(Connection connection, ChannelAction action) {
    try (Channel channel = connection.createChannel()) {
      action.run(channel);
      return 1;
    } catch (Exception e) {
      return 0;
    }
  }
}
