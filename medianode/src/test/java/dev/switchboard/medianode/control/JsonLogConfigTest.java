package dev.switchboard.medianode.control;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** logback-json.xml (the medianode's logs in Kubernetes) writes one parseable JSON object per log line. */
class JsonLogConfigTest {
  @Test
  void eachLineIsAJsonObjectWithLevelLoggerAndMessage() throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      LoggerContext context = new LoggerContext();
      // The context SLF4J would set up has one; a context made by hand needs it for the MDC field.
      context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
      JoranConfigurator configurator = new JoranConfigurator();
      configurator.setContext(context);
      configurator.doConfigure(JsonLogConfigTest.class.getResource("/logback-json.xml"));
      context.getLogger("dev.switchboard.medianode.Test").info("pipeline {} released", "p-1");
      context.getLogger("io.netty.Noise").info("not shown: netty logs from WARN");
      context.stop();
    } finally {
      System.setOut(original);
    }
    String[] lines = captured.toString(StandardCharsets.UTF_8).strip().split("\n");
    assertThat(lines).hasSize(1);
    JsonNode line = JsonMapper.builder().build().readTree(lines[0]);
    assertThat(line.get("level").asString()).isEqualTo("INFO");
    assertThat(line.get("loggerName").asString()).isEqualTo("dev.switchboard.medianode.Test");
    assertThat(line.get("formattedMessage").asString()).isEqualTo("pipeline p-1 released");
    assertThat(line.get("timestamp").asLong()).isPositive();
  }
}
