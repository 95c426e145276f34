package dev.switchboard.medianode.media;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Collects what the loggers under {@code dev.switchboard.medianode.media} log at WARN and above
 * (the media loop logs, rather than counts, a datagram whose handling threw, so a silent log is
 * part of "never a crash"); thread-safe, as logback's list appender is.
 */
final class MediaLogWatch implements AutoCloseable {
  private final Logger logger = (Logger) LoggerFactory.getLogger("dev.switchboard.medianode.media");
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  MediaLogWatch() {
    appender.start();
    logger.addAppender(appender);
  }

  /** Warnings and errors so far, formatted with the exception that caused them, if any. */
  List<String> warnings() {
    synchronized (appender.list) {
      return appender.list.stream()
          .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
          .map(e -> e.getLevel() + " " + e.getFormattedMessage()
              + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getClassName() + ": "
                  + e.getThrowableProxy().getMessage()))
          .toList();
    }
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
  }
}
