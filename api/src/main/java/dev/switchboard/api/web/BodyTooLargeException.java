package dev.switchboard.api.web;

import java.io.IOException;

/**
 * Thrown by the capped request stream when a body without (or with a false) Content-Length
 * grows past the limit; an IOException so that it travels through any body reader. Immutable.
 */
public class BodyTooLargeException extends IOException {
  public BodyTooLargeException(long limit) {
    super("The request body is larger than " + limit + " bytes");
  }
}
