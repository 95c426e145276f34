package dev.switchboard.loadtest.scale;

import dev.switchboard.local.ScratchRabbit;
import dev.switchboard.loadtest.ProcessStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Counts what the scratch RabbitMQ node holds, through {@code rabbitmqctl} against that node only:
 * queues by kind, consumers on session queues, connections, channels, memory and file descriptors.
 * Stateless apart from the node it reads.
 */
final class BrokerProbe {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One reading of the broker. */
  record Counts(int sessionQueues, int userQueues, int otherQueues, long sessionConsumers,
                int sessionQueuesWithoutConsumer, long messages, int connections, int channels, long channelConsumers,
                long erlangMemoryBytes, long rssBytes, int fileDescriptors, int fileDescriptorLimit) {}

  private final ScratchRabbit rabbit;

  BrokerProbe(ScratchRabbit rabbit) {
    this.rabbit = rabbit;
  }

  Counts read() throws Exception {
    int sessionQueues = 0;
    int userQueues = 0;
    int otherQueues = 0;
    long sessionConsumers = 0;
    int withoutConsumer = 0;
    long messages = 0;
    for (String line : lines(rabbit.ctl("list_queues", "-p", rabbit.vhost(), "-q", "--no-table-headers", "name",
        "consumers", "messages"))) {
      String[] f = line.split("\t");
      if (f.length < 3) {
        // Not a queue row (a warning the tool printed).
        continue;
      }
      long consumers = Long.parseLong(f[1].trim());
      messages += Long.parseLong(f[2].trim());
      if (f[0].startsWith("session.")) {
        sessionQueues++;
        sessionConsumers += consumers;
        withoutConsumer += consumers == 0 ? 1 : 0;
      } else if (f[0].startsWith("user.")) {
        userQueues++;
      } else {
        otherQueues++;
      }
    }
    int connections = lines(rabbit.ctl("list_connections", "-q", "--no-table-headers", "name")).length;
    String[] channels = lines(rabbit.ctl("list_channels", "-q", "--no-table-headers", "consumer_count"));
    long channelConsumers = Stream.of(channels).map(String::trim).filter(c -> c.matches("\\d+"))
        .mapToLong(Long::parseLong).sum();
    JsonNode status = JSON.readTree(rabbit.ctl("status", "--formatter", "json"));
    long erlang = status.path("memory").path("total").path("erlang").asLong();
    long pid = rabbit.beamPid();
    return new Counts(sessionQueues, userQueues, otherQueues, sessionConsumers, withoutConsumer, messages,
        connections, channels.length, channelConsumers, erlang, pid > 0 ? ProcessStats.rssBytes(pid) : 0,
        pid > 0 ? openFiles(pid) : status.path("file_descriptors").path("total_used").asInt(),
        status.path("file_descriptors").path("total_limit").asInt());
  }

  private static int openFiles(long pid) throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      return (int) fds.count();
    }
  }

  private static String[] lines(String text) {
    return text.isBlank() ? new String[0] : text.strip().split("\n");
  }
}
