package dev.switchboard.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes one scenario's report as {@code <scenario>-<start, no colons or fractions>.json}, {@code .md}
 * and {@code .html} in a folder, the same way for every scenario. Stateless.
 */
public final class ReportFiles {
  private ReportFiles() {
  }

  /** Writes the three files into {@code dir}; returns the Markdown file's path. */
  public static Path write(Path dir, String scenario, Instant started, String json, String markdown, String html)
      throws IOException {
    Files.createDirectories(dir);
    String stamp = started.toString().replace(":", "").replaceAll("\\.\\d+", "");
    Path base = dir.resolve(scenario + "-" + stamp);
    Files.writeString(Path.of(base + ".json"), json);
    Path md = Path.of(base + ".md");
    Files.writeString(md, markdown);
    Files.writeString(Path.of(base + ".html"), html);
    return md;
  }
}
