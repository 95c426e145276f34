package dev.switchboard.contracts.bus;

/**
 * An operator's command about one media server of the wrappers' pool, sent to the
 * {@code wrapper} work queue; it concerns no session, so {@link #sessionId()} is null.
 */
public sealed interface MediaServerCommand extends Command permits DrainMediaServer, UndrainMediaServer {
  /** The pool member's id, as the wrappers' {@code media-servers} configuration names it. */
  String mediaServer();

  @Override
  default String sessionId() {
    return null;
  }
}
