package dev.switchboard.wrapper.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SecretMaskingFilterTest {
  private static final String SECRET = "medianode-secret-0123456789";

  @Test
  void aUrlWithTheSecretIsLoggedMasked() {
    SecretMaskingFilter.install();
    Logger logger = (Logger) LoggerFactory.getLogger("org.kurento.jsonrpc.client.Test");
    logger.setLevel(Level.INFO);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      logger.warn("{} Upgrade exception when trying to connect to {}. Try {} of {}.", "[KurentoClient]",
          "ws://10.0.0.5:8888/kurento?secret=" + SECRET, 1, 3);
      logger.error("failed", new IOException("cannot open ws://h:8888/kurento?a=1&secret=" + SECRET));
      logger.info("nothing to hide at {}", "ws://10.0.0.5:8888/kurento");
    } finally {
      logger.detachAppender(appender);
      logger.setLevel(null);
    }

    assertThat(appender.list).hasSize(3);
    assertThat(appender.list).allSatisfy(e -> {
      assertThat(e.getFormattedMessage()).doesNotContain(SECRET);
      assertThat(e.getThrowableProxy()).isNull();
    });
    assertThat(appender.list.get(0).getFormattedMessage()).contains("kurento?secret=***").contains("Try 1 of 3");
    assertThat(appender.list.get(1).getFormattedMessage()).contains("secret=***").contains("IOException");
    assertThat(appender.list.get(2).getFormattedMessage()).isEqualTo("nothing to hide at ws://10.0.0.5:8888/kurento");
  }

  @Test
  void maskReplacesEveryValue() {
    assertThat(SecretMaskingFilter.mask("a?secret=x1&b=2 and secret=y2")).isEqualTo("a?secret=***&b=2 and secret=***");
  }
}
