package dev.switchboard.api.bus;

import dev.switchboard.contracts.bus.Command;
import dev.switchboard.contracts.messages.ParticipantMessage;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of the bus: writes commands and reads participant messages, with the contracts' type
 * discriminator; thread-safe (immutable Jackson reader and writer). Unlike REST bodies, unknown
 * fields are ignored here, so a newer wrapper can add fields during a rolling upgrade.
 */
@Component
public class BusJson {
  private final ObjectWriter commandWriter;
  private final ObjectReader messageReader;

  public BusJson() {
    JsonMapper mapper = JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();
    // Writing through the interface type guarantees the "type" discriminator on every command.
    this.commandWriter = mapper.writerFor(Command.class);
    this.messageReader = mapper.readerFor(ParticipantMessage.class);
  }

  public byte[] write(Command command) {
    return commandWriter.writeValueAsBytes(command);
  }

  /** Reads a message from a user queue; throws {@link JacksonException} for anything that is not one. */
  public ParticipantMessage readMessage(byte[] body) {
    ParticipantMessage message = messageReader.readValue(body);
    if (message == null) {
      throw new IllegalArgumentException("The message body is JSON null");
    }
    return message;
  }
}
