package dev.switchboard.wrapper.command;

import dev.switchboard.contracts.bus.AddIceCandidate;
import dev.switchboard.contracts.bus.Command;
import dev.switchboard.contracts.bus.CreateSession;
import dev.switchboard.contracts.bus.JoinSession;
import dev.switchboard.contracts.bus.LeaveSession;
import dev.switchboard.contracts.bus.DrainMediaServer;
import dev.switchboard.contracts.bus.UndrainMediaServer;
import dev.switchboard.contracts.bus.ProcessOffer;

/** The wire names of commands, for logs, metrics and {@code RequestFailed.request}; stateless. */
public final class CommandNames {
  private CommandNames() {}

  /** The command's "type" as on the wire, e.g. {@code processOffer}. */
  public static String of(Command command) {
    return switch (command) {
      case CreateSession c -> "createSession";
      case JoinSession c -> "joinSession";
      case ProcessOffer c -> "processOffer";
      case AddIceCandidate c -> "addIceCandidate";
      case LeaveSession c -> "leaveSession";
      case DrainMediaServer c -> "drainMediaServer";
      case UndrainMediaServer c -> "undrainMediaServer";
    };
  }

  /** What {@code RequestFailed.request} names: type and command id, e.g. {@code processOffer c-3}. */
  public static String request(Command command) {
    return of(command) + " " + command.commandId();
  }
}
