package dev.switchboard.api.web;

import dev.switchboard.contracts.rest.ApiError;

/**
 * A request the api refuses or cannot serve, answered as an {@link ApiError} with the code's
 * status; immutable. The message is shown to clients, so it never carries internals.
 */
public class ApiException extends RuntimeException {
  private final ErrorCode code;

  public ApiException(ErrorCode code, String message) {
    super(message, null, false, false); // an expected outcome: no stack trace to fill
    this.code = code;
  }

  public ApiException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }

  public ApiError toApiError() {
    return new ApiError(code.status().value(), code.name(), getMessage());
  }
}
