package dev.switchboard.local.browser;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the browser tests find Debian's Chromium and chromedriver, and what happens without them:
 * with {@code CI=true} the test fails, elsewhere it is skipped (a copy of the medianode's, whose
 * test classes are not on this module's classpath). Stateless.
 */
final class ChromiumInstallation {
  /** The binary itself: /usr/bin/chromium is a wrapper script that may print noise. */
  static final Path CHROMIUM = Path.of("/usr/lib/chromium/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private ChromiumInstallation() {}

  static void requireOrSkip() {
    List<String> missing = new ArrayList<>();
    if (!Files.isExecutable(CHROMIUM)) {
      missing.add(CHROMIUM.toString());
    }
    if (!Files.isExecutable(CHROMEDRIVER)) {
      missing.add(CHROMEDRIVER.toString());
    }
    if (missing.isEmpty()) {
      return;
    }
    String message = "The browser tests need " + String.join(" and ", missing)
        + " (apt-get install -y chromium chromium-driver)";
    // CI must never report green because a test silently did not run.
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message + "; CI=true, so this is a failure rather than a skip");
    }
    Assumptions.abort(message);
  }
}
