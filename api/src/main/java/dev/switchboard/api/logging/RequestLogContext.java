package dev.switchboard.api.logging;

import dev.switchboard.contracts.Topology;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.slf4j.MDC;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Puts the request's session and participant ids (the {sid} and {pid} of its route) into the
 * logging MDC as {@code sessionId} and {@code participantId} for as long as the request is handled,
 * so every line logged for it, errors included, names them (as fields in structured JSON logs).
 * Only well-formed ids are put: a path segment is client input and must not forge log content.
 * Never tokens or other secrets. Stateless; the MDC is the request thread's own.
 */
public final class RequestLogContext implements HandlerInterceptor {
  public static final String SESSION_ID = "sessionId";
  public static final String PARTICIPANT_ID = "participantId";

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    @SuppressWarnings("unchecked")
    Map<String, String> path = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    if (path != null) {
      put(SESSION_ID, path.get("sid"));
      put(PARTICIPANT_ID, path.get("pid"));
    }
    return true;
  }

  @Override
  public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
      Exception failure) {
    MDC.remove(SESSION_ID);
    MDC.remove(PARTICIPANT_ID);
  }

  private static void put(String key, String id) {
    if (id != null && Topology.isValidId(id)) {
      MDC.put(key, id);
    }
  }
}
