package dev.switchboard.api.bus;

import dev.switchboard.contracts.Topology;
import java.util.HashMap;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The broker objects every api instance needs before serving requests: the {@code wrapper} work
 * queue and the dead-letter exchange and queue. Declared once at start-up (failing the start-up
 * if RabbitMQ is unreachable) and again by RabbitAdmin on every reconnection; configuration only.
 */
@Configuration(proxyBeanMethods = false)
public class BrokerTopology {


  @Bean
  public Declarables switchboardTopology() {
    Queue wrapper = new Queue(Topology.WRAPPER_QUEUE, true, false, false, new HashMap<>(Topology.wrapperQueueArguments()));
    FanoutExchange deadLetters = new FanoutExchange(Topology.DEAD_LETTER_EXCHANGE, true, false);
    Queue deadLetterQueue = new Queue(Topology.DEAD_LETTER_QUEUE, true, false, false, new HashMap<>(Topology.deadLetterQueueArguments()));
    Binding binding = BindingBuilder.bind(deadLetterQueue).to(deadLetters);
    return new Declarables(wrapper, deadLetters, deadLetterQueue, binding);
  }

  /** Declares before the web server starts, so no request ever finds the wrapper queue missing. */
  @Bean
  public SmartInitializingSingleton declareTopologyAtStartUp(RabbitAdmin admin) {
    return admin::initialize;
  }
}
