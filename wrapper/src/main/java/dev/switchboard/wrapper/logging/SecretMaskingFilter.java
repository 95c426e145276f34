package dev.switchboard.wrapper.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.regex.Pattern;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

/**
 * Keeps the medianode secret out of the logs: kurento-client prints its WebSocket URL, query and
 * all, when a connection fails, and that query carries the secret. A log event whose message or
 * arguments contain {@code secret=<value>} is dropped and logged again, once, with the value
 * replaced by {@code ***}. Installed on the Logback context at start-up; thread-safe (the
 * re-entry guard is per thread).
 */
public final class SecretMaskingFilter extends TurboFilter {
  private static final Pattern SECRET = Pattern.compile("(secret=)[^&\\s\"']+");
  private static final ThreadLocal<Boolean> RELOGGING = ThreadLocal.withInitial(() -> false);

  /** Adds the filter to Logback's context (no-op when another SLF4J binding is in use). */
  public static void install() {
    if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof LoggerContext context
        && context.getTurboFilterList().stream().noneMatch(SecretMaskingFilter.class::isInstance)) {
      SecretMaskingFilter filter = new SecretMaskingFilter();
      filter.start();
      context.addTurboFilter(filter);
    }
  }

  /** {@code text} with every secret query value replaced by {@code ***}. */
  public static String mask(String text) {
    return text == null ? null : SECRET.matcher(text).replaceAll("$1***");
  }

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (RELOGGING.get() || format == null || !logger.isEnabledFor(level)) {
      return FilterReply.NEUTRAL;
    }
    String message = MessageFormatter.arrayFormat(format, params).getMessage();
    String throwableText = t == null ? null : String.valueOf(t.getMessage());
    boolean inMessage = message != null && SECRET.matcher(message).find();
    boolean inThrowable = throwableText != null && SECRET.matcher(throwableText).find();
    if (!inMessage && !inThrowable) {
      return FilterReply.NEUTRAL;
    }
    RELOGGING.set(true);
    try {
      String masked = mask(message) + (inThrowable ? " (" + t.getClass().getName() + ": " + mask(throwableText) + ")" : "");
      switch (level.toInt()) {
        case Level.ERROR_INT -> logger.error(marker, "{}", masked);
        case Level.WARN_INT -> logger.warn(marker, "{}", masked);
        case Level.INFO_INT -> logger.info(marker, "{}", masked);
        case Level.DEBUG_INT -> logger.debug(marker, "{}", masked);
        default -> logger.trace(marker, "{}", masked);
      }
    } finally {
      RELOGGING.set(false);
    }
    return FilterReply.DENY;
  }
}
