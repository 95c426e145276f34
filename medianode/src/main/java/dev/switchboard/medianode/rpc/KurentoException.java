package dev.switchboard.medianode.rpc;

/**
 * A request failed in a way the client is told about with a Kurento error code; thrown anywhere on
 * the control thread and turned into a JSON-RPC error response by the dispatcher. Immutable.
 */
public final class KurentoException extends RuntimeException {
  private final KurentoError error;

  public KurentoException(KurentoError error, String message) {
    super(message, null, false, false);
    this.error = error;
  }

  public KurentoError error() {
    return error;
  }
}
