package dev.switchboard.wrapper.media;

import java.util.Optional;
import org.kurento.client.internal.server.KurentoServerException;

/**
 * Classifies the media server's error codes (KMS KurentoException.hpp; the medianode uses the
 * same); stateless.
 */
public final class KurentoErrors {
  /** 402xx: the SdpEndpoint family. */
  private static final int SDP_FAMILY = 402;
  static final int NO_LOCAL_SDP = 40202;
  static final int NO_REMOTE_SDP = 40203;
  static final int ALREADY_NEGOTIATED = 40208;

  private KurentoErrors() {}

  /** The server's error in the cause chain, if the failure came from the media server. */
  public static Optional<KurentoServerException> serverError(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof KurentoServerException server) {
        return Optional.of(server);
      }
    }
    return Optional.empty();
  }

  /** The endpoint has no remote description yet: it was never negotiated. */
  public static boolean isNotNegotiated(Throwable failure) {
    return serverError(failure).map(e -> e.getCode() == NO_REMOTE_SDP || e.getCode() == NO_LOCAL_SDP).orElse(false);
  }

  /** The endpoint was negotiated meanwhile (by another instance handling the same offer). */
  public static boolean isAlreadyNegotiated(Throwable failure) {
    return serverError(failure).map(e -> e.getCode() == ALREADY_NEGOTIATED).orElse(false);
  }

  /** The media server refused the SDP itself (unparsable, unsupported): retrying cannot help. */
  public static boolean isInvalidSdp(Throwable failure) {
    return serverError(failure)
        .map(e -> e.getCode() / 100 == SDP_FAMILY && e.getCode() != ALREADY_NEGOTIATED)
        .orElse(false);
  }

  /** The server's own message, without the client's wrapping. */
  public static String message(Throwable failure) {
    return serverError(failure).map(e -> e.getServerMessage() != null ? e.getServerMessage() : e.getMessage())
        .orElse(failure.getMessage());
  }
}
