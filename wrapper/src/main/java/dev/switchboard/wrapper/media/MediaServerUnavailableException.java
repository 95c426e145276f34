package dev.switchboard.wrapper.media;

/** No media server (or not the one asked for) can be reached right now; a retry may succeed. Immutable. */
public class MediaServerUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MediaServerUnavailableException(String message) {
    super(message);
  }
}
