package dev.switchboard.api.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.HandlerMapping;

/** The route's {sid} and {pid} are in the MDC while a request is handled, only when well-formed, and gone after. */
class RequestLogContextTest {
  private final RequestLogContext context = new RequestLogContext();
  private final MockHttpServletResponse response = new MockHttpServletResponse();

  @AfterEach
  void clear() {
    MDC.clear();
  }

  @Test
  void idsOfTheRouteAreInTheMdcUntilTheRequestCompletes() {
    MockHttpServletRequest request = request(Map.of("sid", "s-1", "pid", "p_2"));

    assertThat(context.preHandle(request, response, new Object())).isTrue();
    assertThat(MDC.get("sessionId")).isEqualTo("s-1");
    assertThat(MDC.get("participantId")).isEqualTo("p_2");

    context.afterCompletion(request, response, new Object(), null);
    assertThat(MDC.get("sessionId")).isNull();
    assertThat(MDC.get("participantId")).isNull();
  }

  @Test
  void malformedIdsAndRoutesWithoutIdsLeaveTheMdcAlone() {
    context.preHandle(request(Map.of("sid", "s-1\n[forged line]", "pid", "x".repeat(65))), response, new Object());
    assertThat(MDC.get("sessionId")).isNull();
    assertThat(MDC.get("participantId")).isNull();

    context.preHandle(new MockHttpServletRequest("POST", "/api/sessions"), response, new Object());
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }

  private static MockHttpServletRequest request(Map<String, String> path) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/sessions/x");
    request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, path);
    return request;
  }
}
