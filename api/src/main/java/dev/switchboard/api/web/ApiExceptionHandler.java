package dev.switchboard.api.web;

import dev.switchboard.contracts.rest.ApiError;
import com.rabbitmq.client.ShutdownSignalException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every failure of a request into an {@link ApiError} body with a stable code, so that no
 * client mistake ever becomes a 500; stateless and thread-safe.
 */
@RestControllerAdvice
public class ApiExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  private final ErrorMetrics metrics;

  public ApiExceptionHandler(ErrorMetrics metrics) {
    this.metrics = metrics;
  }

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ApiError> api(ApiException e) {
    return respond(e);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
    if (request.getAttribute(BodySizeLimitFilter.LIMIT_EXCEEDED) != null || causedBy(e, BodyTooLargeException.class)) {
      return respond(new ApiException(ErrorCode.BODY_TOO_LARGE, message(e, BodyTooLargeException.class)));
    }
    return respond(new ApiException(ErrorCode.INVALID_BODY, describe(e)));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
    return respond(new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json"));
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ResponseEntity<ApiError> notAcceptable(HttpMediaTypeNotAcceptableException e) {
    return respond(new ApiException(ErrorCode.NOT_ACCEPTABLE, "This api only answers application/json"));
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
    return respond(new ApiException(ErrorCode.METHOD_NOT_ALLOWED, "Method " + e.getMethod() + " is not allowed here"));
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ApiError> noRoute(NoResourceFoundException e) {
    return respond(new ApiException(ErrorCode.NOT_FOUND, "No such route"));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ApiError> parameterType(MethodArgumentTypeMismatchException e) {
    return respond(new ApiException(ErrorCode.INVALID_PARAMETER, "Parameter '" + e.getName() + "' has the wrong type"));
  }

  @ExceptionHandler(ServletRequestBindingException.class)
  ResponseEntity<ApiError> binding(ServletRequestBindingException e) {
    return respond(new ApiException(ErrorCode.INVALID_PARAMETER, e.getMessage()));
  }

  @ExceptionHandler(AmqpException.class)
  ResponseEntity<ApiError> broker(AmqpException e) {
    log.warn("RabbitMQ failed while serving a request: {}", e.toString());
    return respond(new ApiException(ErrorCode.BROKER_UNAVAILABLE, "The message broker is unavailable; try again"));
  }

  @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class})
  ResponseEntity<ApiError> database(RuntimeException e) {
    log.warn("MongoDB failed while serving a request: {}", e.toString());
    return respond(new ApiException(ErrorCode.DATABASE_UNAVAILABLE, "The database is unavailable; try again"));
  }

  @ExceptionHandler(ShutdownSignalException.class)
  ResponseEntity<ApiError> brokerChannel(ShutdownSignalException e) {
    log.warn("A RabbitMQ channel closed while serving a request: {}", e.getMessage());
    return respond(new ApiException(ErrorCode.BROKER_UNAVAILABLE, "The message broker is unavailable; try again"));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ApiError> unexpected(Exception e) {
    // Any other framework exception that carries a client-error status is still the client's mistake.
    if (e instanceof ErrorResponse response && response.getStatusCode().is4xxClientError()) {
      ErrorCode code = ErrorCode.forStatus(response.getStatusCode().value());
      return respond(new ApiException(code, response.getBody().getDetail() == null ? code.name() : response.getBody().getDetail()));
    }
    log.error("Unexpected failure", e);
    return respond(new ApiException(ErrorCode.INTERNAL_ERROR, "Internal error"));
  }

  private ResponseEntity<ApiError> respond(ApiException e) {
    metrics.count(e.code());
    HttpStatus status = e.code().status();
    ResponseEntity.BodyBuilder builder = ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
    // RFC 6750 section 3: a 401 names the scheme; an expired token is "invalid_token", so a client knows to refresh.
    switch (e.code()) {
      case TOKEN_MISSING, APPLICATION_KEY_MISSING, ADMIN_KEY_MISSING ->
          builder.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"switchboard\"");
      case TOKEN_EXPIRED -> builder.header(HttpHeaders.WWW_AUTHENTICATE,
          "Bearer realm=\"switchboard\", error=\"invalid_token\", error_description=\"The token expired\"");
      default -> { }
    }
    if (e.code() == ErrorCode.POLL_IN_PROGRESS) {
      builder.header(HttpHeaders.RETRY_AFTER, "1");
    }
    if (e instanceof RateLimitedException limited) {
      builder.header(HttpHeaders.RETRY_AFTER, String.valueOf(limited.retryAfterSeconds()));
    }
    return builder.body(e.toApiError());
  }

  /** A message for people that says what is wrong with the body without echoing parser internals. */
  private static String describe(HttpMessageNotReadableException e) {
    Throwable cause = e.getCause();
    if (cause == null) {
      return "A JSON body is required";
    }
    if (cause instanceof UnrecognizedPropertyException unknown) {
      return "Unknown field '" + unknown.getPropertyName() + "'";
    }
    if (cause instanceof InvalidFormatException format) {
      return "Field '" + path(format) + "' has an invalid value";
    }
    if (cause instanceof MismatchedInputException mismatch) {
      String path = path(mismatch);
      return path.isEmpty() ? "The body must be a JSON object" : "Field '" + path + "' has the wrong type";
    }
    if (cause instanceof StreamReadException malformed) {
      return "Malformed JSON: " + firstLine(malformed.getOriginalMessage());
    }
    return "The body is not valid JSON for this route";
  }

  private static String path(MismatchedInputException e) {
    StringBuilder path = new StringBuilder();
    e.getPath().forEach(ref -> {
      if (ref.getPropertyName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    });
    return path.toString();
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "unreadable";
    }
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String message(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return t.getMessage();
      }
    }
    return "The request body is too large";
  }
}
