package dev.switchboard.api.auth;

import dev.switchboard.api.web.ApiException;
import dev.switchboard.api.web.ErrorCode;
import dev.switchboard.contracts.Topology;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Runs before any handler of an {@code /api} route: ids in the path that cannot exist give 404,
 * and every route naming a participant ({pid}) needs that participant's bearer token. It runs
 * before the body is read, so a refused request changes nothing. Stateless and thread-safe.
 */
public class ParticipantAuthInterceptor implements HandlerInterceptor {
  private static final String BEARER = "bearer ";

  private final ParticipantTokens tokens;

  public ParticipantAuthInterceptor(ParticipantTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    // A CORS preflight carries no credentials by design; it runs no handler of ours either.
    if (!(handler instanceof HandlerMethod) || CorsUtils.isPreFlightRequest(request)) {
      return true;
    }
    @SuppressWarnings("unchecked")
    Map<String, String> path = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    if (path == null) {
      return true;
    }
    String sessionId = path.get("sid");
    if (sessionId != null && !Topology.isValidId(sessionId)) {
      throw new ApiException(ErrorCode.SESSION_NOT_FOUND, "No session " + printable(sessionId));
    }
    String participantId = path.get("pid");
    if (participantId == null) {
      return true;
    }
    if (!Topology.isValidId(participantId)) {
      throw new ApiException(ErrorCode.PARTICIPANT_NOT_FOUND, "No participant " + printable(participantId));
    }
    String token = bearerToken(request);
    if (token == null) {
      throw new ApiException(ErrorCode.TOKEN_MISSING, "Send the participant's token as 'Authorization: Bearer <token>'");
    }
    if (!tokens.verify(sessionId, participantId, token)) {
      throw new ApiException(ErrorCode.TOKEN_INVALID, "The token does not authorise this participant");
    }
    return true;
  }

  private static String bearerToken(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || header.length() <= BEARER.length()
        || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    String token = header.substring(BEARER.length()).strip();
    return token.isEmpty() ? null : token;
  }

  /** Ids that failed validation are echoed shortened and without control characters. */
  private static String printable(String id) {
    String shown = id.length() > 64 ? id.substring(0, 64) + "..." : id;
    return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
  }
}
