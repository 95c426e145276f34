package dev.switchboard.api.limits;

import dev.switchboard.api.web.RateLimitedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Refuses a request with 429 and {@code Retry-After} when its key has used up its token bucket,
 * before the handler reads the body, so a refused request changes nothing. One instance counts per
 * client address and runs before the token check (a flood of guessed tokens is cut off cheaply);
 * another counts per participant and runs after it, so nobody can spend another participant's
 * budget with requests that carry its id but not its token. Thread-safe.
 */
public final class RateLimitInterceptor implements HandlerInterceptor {
  /** What a bucket belongs to. */
  public enum Scope { ADDRESS, PARTICIPANT }

  private final Scope scope;
  private final RateLimiter limiter;
  private final String clientAddressHeader;
  private final Counter refused;

  private RateLimitInterceptor(Scope scope, RateLimiter limiter, String clientAddressHeader, MeterRegistry meters) {
    this.scope = scope;
    this.limiter = limiter;
    this.clientAddressHeader = clientAddressHeader;
    this.refused = Counter.builder("switchboard.api.rate.limited").tag("scope", scope.name().toLowerCase())
        .description("Requests refused with 429 by a rate limit").register(meters);
  }

  /** Per client address: every {@code /api} route. */
  public static RateLimitInterceptor perAddress(RateLimitProperties limits, Clock clock, MeterRegistry meters) {
    return new RateLimitInterceptor(Scope.ADDRESS, new RateLimiter(limits.addressPerSecond(), limits.addressBurst(),
        limits.trackedKeys(), clock), limits.clientAddressHeader().strip(), meters);
  }

  /** Per participant: routes naming one ({pid}), after its token was checked. */
  public static RateLimitInterceptor perParticipant(RateLimitProperties limits, Clock clock, MeterRegistry meters) {
    return new RateLimitInterceptor(Scope.PARTICIPANT, new RateLimiter(limits.participantPerSecond(),
        limits.participantBurst(), limits.trackedKeys(), clock), "", meters);
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (!(handler instanceof HandlerMethod) || CorsUtils.isPreFlightRequest(request)) {
      return true;
    }
    String key = scope == Scope.ADDRESS ? clientAddress(request) : participant(request);
    if (key == null) {
      return true;
    }
    long waitNanos = limiter.tryAcquire(key);
    if (waitNanos > 0) {
      refused.increment();
      long seconds = (waitNanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
      throw new RateLimitedException(scope == Scope.ADDRESS ? "Too many requests from this address; slow down"
          : "Too many requests for this participant; slow down", seconds);
    }
    return true;
  }

  private String clientAddress(HttpServletRequest request) {
    if (!clientAddressHeader.isEmpty()) {
      String forwarded = request.getHeader(clientAddressHeader);
      if (forwarded != null && !forwarded.isBlank()) {
        // The last entry is the one our own proxy appended; earlier ones are whatever the client sent.
        String last = forwarded.substring(forwarded.lastIndexOf(',') + 1).strip();
        if (!last.isEmpty() && last.length() <= 64) {
          return last;
        }
      }
    }
    return request.getRemoteAddr();
  }

  private static String participant(HttpServletRequest request) {
    @SuppressWarnings("unchecked")
    Map<String, String> path = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    if (path == null || path.get("pid") == null) {
      return null;
    }
    return path.get("sid") + "/" + path.get("pid");
  }
}
