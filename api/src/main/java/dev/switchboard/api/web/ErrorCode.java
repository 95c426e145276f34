package dev.switchboard.api.web;

import org.springframework.http.HttpStatus;

/** The stable machine-readable codes of {@code ApiError} bodies with their HTTP status; immutable. */
public enum ErrorCode {
  BAD_REQUEST(HttpStatus.BAD_REQUEST),
  INVALID_BODY(HttpStatus.BAD_REQUEST),
  INVALID_SDP(HttpStatus.BAD_REQUEST),
  INVALID_CANDIDATE(HttpStatus.BAD_REQUEST),
  INVALID_PARAMETER(HttpStatus.BAD_REQUEST),
  TOKEN_MISSING(HttpStatus.UNAUTHORIZED),
  /** The token is not one this api signed, or is for another participant or session. */
  TOKEN_INVALID(HttpStatus.FORBIDDEN),
  /** The token was valid but has expired: refresh tokens before they expire, or join again. */
  TOKEN_EXPIRED(HttpStatus.UNAUTHORIZED),
  /** The participant's token lacks the right (publish or receive) the request needs. */
  RIGHT_MISSING(HttpStatus.FORBIDDEN),
  APPLICATION_KEY_MISSING(HttpStatus.UNAUTHORIZED),
  APPLICATION_KEY_INVALID(HttpStatus.FORBIDDEN),
  /** The operator routes are off: no {@code switchboard.api.admin-key} is configured. */
  ADMIN_DISABLED(HttpStatus.FORBIDDEN),
  ADMIN_KEY_MISSING(HttpStatus.UNAUTHORIZED),
  ADMIN_KEY_INVALID(HttpStatus.FORBIDDEN),
  SESSION_NOT_FOUND(HttpStatus.NOT_FOUND),
  PARTICIPANT_NOT_FOUND(HttpStatus.NOT_FOUND),
  NOT_FOUND(HttpStatus.NOT_FOUND),
  METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED),
  NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE),
  POLL_IN_PROGRESS(HttpStatus.CONFLICT),
  BODY_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE),
  /** Too many requests from one address or for one participant; {@code Retry-After} says when to try again. */
  RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS),
  UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE),
  INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR),
  BROKER_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE),
  DATABASE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE);

  private final HttpStatus status;

  ErrorCode(HttpStatus status) {
    this.status = status;
  }

  public HttpStatus status() {
    return status;
  }

  /** The generic code of a status, for failures that have no specific one (container errors, framework exceptions). */
  public static ErrorCode forStatus(int status) {
    return switch (status) {
      case 404 -> NOT_FOUND;
      case 405 -> METHOD_NOT_ALLOWED;
      case 406 -> NOT_ACCEPTABLE;
      case 413 -> BODY_TOO_LARGE;
      case 415 -> UNSUPPORTED_MEDIA_TYPE;
      default -> status >= 400 && status < 500 ? BAD_REQUEST : INTERNAL_ERROR;
    };
  }
}
