package dev.switchboard.wrapper.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import dev.switchboard.contracts.bus.ProcessOffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With {@code logging.structured.format.console=ecs} (env LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs),
 * Spring Boot writes each line as an ECS JSON object through {@link StructuredLogEncoder}: a line
 * logged while a command's {@link LogContext} is open carries its session and participant ids as
 * fields, and none once it is closed.
 */
class StructuredLogTest {
  @Test
  void aLineLoggedDuringACommandCarriesItsSessionAndParticipantIds() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Object previous = context.getObject(Environment.class.getName());
    context.putObject(Environment.class.getName(), new StandardEnvironment());
    StructuredLogEncoder encoder = new StructuredLogEncoder();
    encoder.setContext(context);
    encoder.setFormat("ecs");
    encoder.start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setOutputStream(out);
    appender.start();
    Logger logger = context.getLogger("structured-log-test");
    logger.setLevel(ch.qos.logback.classic.Level.INFO);
    logger.setAdditive(false);
    logger.addAppender(appender);
    try {
      ProcessOffer offer = new ProcessOffer("c-1", "s-abc", "p-def", "p-def", "v=0", Instant.EPOCH);
      try (LogContext _ = LogContext.of(offer)) {
        logger.info("Answered the offer of {} -> {}", offer.participantId(), offer.target());
      }
      logger.info("Outside any command");
    } finally {
      logger.detachAppender(appender);
      appender.stop();
      encoder.stop();
      if (previous != null) {
        context.putObject(Environment.class.getName(), previous);
      }
      MDC.clear();
    }

    String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
    assertThat(lines).hasSize(2);
    JsonNode inCommand = JsonMapper.builder().build().readTree(lines[0]);
    assertThat(inCommand.path("message").asString()).isEqualTo("Answered the offer of p-def -> p-def");
    assertThat(inCommand.path("log").path("level").asString()).isEqualTo("INFO");
    assertThat(field(inCommand, LogContext.SESSION_ID)).isEqualTo("s-abc");
    assertThat(field(inCommand, LogContext.PARTICIPANT_ID)).isEqualTo("p-def");
    assertThat(field(inCommand, LogContext.COMMAND_TYPE)).isEqualTo("processOffer");
    JsonNode outside = JsonMapper.builder().build().readTree(lines[1]);
    assertThat(field(outside, LogContext.SESSION_ID)).isNull();
  }

  /** An MDC key as ECS output carries it: a top-level field (dots would nest it, ours have none). */
  private static String field(JsonNode line, String key) {
    JsonNode value = line.get(key);
    return value == null ? null : value.asString();
  }
}
