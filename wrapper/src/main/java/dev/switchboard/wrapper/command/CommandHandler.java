package dev.switchboard.wrapper.command;

import dev.switchboard.contracts.bus.Command;

/**
 * Handles one type of command. Implementations are stateless and thread-safe, and correct when
 * the same command arrives twice, out of order, or at two instances at once.
 */
public interface CommandHandler<C extends Command> {
  Class<C> commandType();

  /**
   * Does the work. Throws {@link CommandRejectedException} for a request that can never succeed
   * (the participant is told, no retry); any other exception means "try again".
   */
  void handle(C command);
}
