package dev.switchboard.api.auth;

import dev.switchboard.api.web.ApiException;
import dev.switchboard.api.web.ErrorCode;
import dev.switchboard.contracts.Topology;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Runs before any handler of an {@code /api} route and enforces its {@link Requires}: ids in the
 * path that cannot exist give 404, then the route's credential is checked (application key,
 * participant token bound to the {sid} and {pid} of the path, or admin key). A token of another
 * participant or session is 403 whatever the path says. It runs before the body is read, so a
 * refused request changes nothing; a handler without {@link Requires} is refused (fail closed).
 * Stateless and thread-safe.
 */
public class AccessInterceptor implements HandlerInterceptor {
  private static final Logger log = LoggerFactory.getLogger(AccessInterceptor.class);

  private final ParticipantTokens tokens;
  private final ApplicationKeyCheck application;
  private final AdminKeyCheck admin;

  public AccessInterceptor(ParticipantTokens tokens, ApplicationKeyCheck application, AdminKeyCheck admin) {
    this.tokens = tokens;
    this.application = application;
    this.admin = admin;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    // A CORS preflight carries no credentials by design; it runs no handler of ours either.
    if (!(handler instanceof HandlerMethod method) || CorsUtils.isPreFlightRequest(request)) {
      return true;
    }
    Requires requires = method.getMethodAnnotation(Requires.class);
    if (requires == null) {
      log.error("Refused {} {}: its handler {} declares no @Requires", request.getMethod(), request.getRequestURI(),
          method.getShortLogMessage());
      throw new ApiException(ErrorCode.TOKEN_INVALID, "This route is not open to anyone");
    }
    @SuppressWarnings("unchecked")
    Map<String, String> path = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    String sessionId = path == null ? null : path.get("sid");
    String participantId = path == null ? null : path.get("pid");
    if (sessionId != null && !Topology.isValidId(sessionId)) {
      throw new ApiException(ErrorCode.SESSION_NOT_FOUND, "No session " + printable(sessionId));
    }
    if (participantId != null && !Topology.isValidId(participantId)) {
      throw new ApiException(ErrorCode.PARTICIPANT_NOT_FOUND, "No participant " + printable(participantId));
    }
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    String credential = Bearer.credential(header);
    switch (requires.value()) {
      case OPERATOR -> admin.require(header);
      case APPLICATION -> requireApplication(credential);
      case PARTICIPANT -> {
        ParticipantClaims claims = verified(credential, "the participant's token");
        if (!claims.sessionId().equals(sessionId) || !claims.participantId().equals(participantId)) {
          throw new ApiException(ErrorCode.TOKEN_INVALID, "The token is for another participant");
        }
        request.setAttribute(ParticipantClaims.ATTRIBUTE, claims);
      }
      case MEMBER_OR_APPLICATION -> {
        if (!application.matches(credential)) {
          ParticipantClaims claims = verified(credential, "the application key or a participant token of this session");
          if (!claims.sessionId().equals(sessionId)) {
            throw new ApiException(ErrorCode.TOKEN_INVALID, "The token is for another session");
          }
        }
      }
    }
    return true;
  }

  private void requireApplication(String credential) {
    if (credential == null) {
      throw new ApiException(ErrorCode.APPLICATION_KEY_MISSING,
          "Send the application key as 'Authorization: Bearer <key>'; participants cannot create sessions or join others");
    }
    if (!application.matches(credential)) {
      throw new ApiException(ErrorCode.APPLICATION_KEY_INVALID, "The application key is not valid");
    }
  }

  private ParticipantClaims verified(String credential, String what) {
    if (credential == null) {
      throw new ApiException(ErrorCode.TOKEN_MISSING, "Send " + what + " as 'Authorization: Bearer <token>'");
    }
    return tokens.verify(credential);
  }

  /** Ids that failed validation are echoed shortened and without control characters. */
  private static String printable(String id) {
    String shown = id.length() > 64 ? id.substring(0, 64) + "..." : id;
    return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
  }
}
