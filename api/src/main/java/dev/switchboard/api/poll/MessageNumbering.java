package dev.switchboard.api.poll;

import dev.switchboard.api.bus.BusJson;
import dev.switchboard.contracts.messages.Delivery;
import dev.switchboard.contracts.messages.ParticipantMessage;
import dev.switchboard.contracts.messages.RequestFailed;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns the bodies at the head of a user queue into deliveries numbered from the acknowledged
 * seq on; stateless and thread-safe. A body that is not a known message still gets its number,
 * as an UNREADABLE_MESSAGE error, so it can be acknowledged like any other and never wedges the
 * queue.
 */
@Component
public class MessageNumbering {
  private static final Logger log = LoggerFactory.getLogger(MessageNumbering.class);
  static final String UNREADABLE = "UNREADABLE_MESSAGE";

  private final BusJson json;
  private final PollMetrics metrics;

  public MessageNumbering(BusJson json, PollMetrics metrics) {
    this.json = json;
    this.metrics = metrics;
  }

  public List<Delivery> number(long acked, List<byte[]> bodies) {
    List<Delivery> deliveries = new ArrayList<>(bodies.size());
    for (int i = 0; i < bodies.size(); i++) {
      deliveries.add(new Delivery(acked + 1 + i, read(bodies.get(i))));
    }
    return deliveries;
  }

  private ParticipantMessage read(byte[] body) {
    try {
      return json.readMessage(body);
    } catch (RuntimeException e) {
      metrics.unreadable();
      log.warn("Unreadable message in a user queue ({} bytes): {}", body.length, e.getMessage());
      return new RequestFailed("unknown", UNREADABLE,
          "A message for this participant could not be read; acknowledge it like any other");
    }
  }
}
