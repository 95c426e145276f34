package dev.switchboard.api.bus;

import dev.switchboard.contracts.Topology;
import java.util.HashMap;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.stereotype.Component;

/**
 * Declares the broker objects of one session and of its participants, with the exact names and
 * arguments of {@link Topology}; stateless and thread-safe (declarations are idempotent).
 */
@Component
public class SessionTopology {
  private final AmqpAdmin admin;

  public SessionTopology(AmqpAdmin admin) {
    this.admin = admin;
  }

  /** The session's command queue and its fanout exchange (durable, not auto-deleted: the wrapper ends sessions). */
  public void declareSession(String sessionId) {
    admin.declareQueue(new Queue(Topology.sessionQueue(sessionId), true, false, false,
        new HashMap<>(Topology.sessionQueueArguments())));
    admin.declareExchange(new FanoutExchange(Topology.sessionExchange(sessionId), true, false));
  }

  /** The participant's message queue, bound to the session's fanout exchange so that events for everyone reach it. */
  public void declareParticipant(String sessionId, String participantId) {
    String queue = Topology.userQueue(participantId);
    admin.declareQueue(new Queue(queue, true, false, false, new HashMap<>(Topology.userQueueArguments())));
    admin.declareBinding(new Binding(queue, Binding.DestinationType.QUEUE, Topology.sessionExchange(sessionId), "", null));
  }
}
