package dev.switchboard.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.rest.ApiError;
import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** Container error dispatches are answered as ApiError with a generic code for their status. */
class ApiErrorControllerTest {
  private final ApiErrorController controller = new ApiErrorController(new ErrorMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));

  @Test
  void aClientErrorKeepsItsStatus() {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
    request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 413);
    var response = controller.error(request);
    assertThat(response.getStatusCode().value()).isEqualTo(413);
    assertThat(response.getBody()).isEqualTo(new ApiError(413, "BODY_TOO_LARGE", "The request was refused (413)"));
  }

  @Test
  void anythingElseIsAnInternalErrorWithoutDetails() {
    var response = controller.error(new MockHttpServletRequest("GET", "/error"));
    assertThat(response.getStatusCode().value()).isEqualTo(500);
    assertThat(response.getBody()).isEqualTo(new ApiError(500, "INTERNAL_ERROR", "Internal error"));
  }
}
