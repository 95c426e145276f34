package dev.switchboard.loadtest.failover;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How the wrappers worked through one recovery's re-offers, read from their logs: each
 * "Answered the offer" line names the consumer thread that handled it, so the number of distinct
 * threads is the number of offers handled at once ("lanes"), and the gap between two answers on the
 * same busy thread is one offer's service time. Immutable; {@link #read} is stateless.
 *
 * @param lanes distinct (wrapper, thread) pairs that answered offers in the window
 * @param offers offers answered in the window
 * @param maxPerLane most offers one thread answered, one after another
 * @param gapsMs time between consecutive answers on the same thread
 */
record OfferLanes(int lanes, int offers, int maxPerLane, List<Double> gapsMs) {
  private static final Pattern LINE = Pattern.compile(
      "^(\\d{2}:\\d{2}:\\d{2}\\.\\d{3}) +\\w+ +\\[([^\\]]+)\\].*Answered the offer of ");

  /** The answers logged by every {@code wrapper-*.log} in {@code logDir} between {@code from} and {@code to}. */
  static OfferLanes read(Path logDir, java.time.Instant from, java.time.Instant to) {
    LocalTime start = LocalTime.ofInstant(from, ZoneId.systemDefault());
    LocalTime end = LocalTime.ofInstant(to, ZoneId.systemDefault());
    Map<String, List<LocalTime>> byLane = new LinkedHashMap<>();
    try (Stream<Path> logs = Files.list(logDir)) {
      for (Path log : logs.filter(p -> p.getFileName().toString().startsWith("wrapper-")).sorted().toList()) {
        for (String line : Files.readAllLines(log)) {
          Matcher m = LINE.matcher(line);
          if (!m.find()) {
            continue;
          }
          LocalTime at;
          try {
            at = LocalTime.parse(m.group(1));
          } catch (DateTimeParseException e) {
            continue;
          }
          if (!at.isBefore(start) && !at.isAfter(end)) {
            byLane.computeIfAbsent(log.getFileName() + "/" + m.group(2), k -> new ArrayList<>()).add(at);
          }
        }
      }
    } catch (IOException e) {
      return new OfferLanes(0, 0, 0, List.of());
    }
    List<Double> gaps = new ArrayList<>();
    int max = 0;
    int offers = 0;
    for (List<LocalTime> answers : byLane.values()) {
      offers += answers.size();
      max = Math.max(max, answers.size());
      for (int i = 1; i < answers.size(); i++) {
        gaps.add(java.time.Duration.between(answers.get(i - 1), answers.get(i)).toNanos() / 1e6);
      }
    }
    return new OfferLanes(byLane.size(), offers, max, gaps);
  }
}
