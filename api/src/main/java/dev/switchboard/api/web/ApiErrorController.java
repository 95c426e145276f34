package dev.switchboard.api.web;

import dev.switchboard.contracts.rest.ApiError;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the container's error dispatches (failures outside Spring MVC, such as a request the
 * servlet container itself refuses) with an {@link ApiError} too, replacing Spring Boot's default
 * error body; stateless and thread-safe.
 */
@RestController
public class ApiErrorController implements ErrorController {
  private final ErrorMetrics metrics;

  public ApiErrorController(ErrorMetrics metrics) {
    this.metrics = metrics;
  }

  @RequestMapping(path = "${server.error.path:/error}", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<ApiError> error(HttpServletRequest request) {
    Object attribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = attribute instanceof Integer code ? code : 500;
    ErrorCode code = ErrorCode.forStatus(status);
    String message = status >= 500 ? "Internal error" : "The request was refused (" + status + ")";
    metrics.count(code);
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
        .body(new ApiError(status, code.name(), message));
  }
}
