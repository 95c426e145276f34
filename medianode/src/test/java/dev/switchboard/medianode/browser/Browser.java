package dev.switchboard.medianode.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * One headless Chromium driven through Debian's chromedriver, whose tabs are the test's
 * {@link Page}s; WebDriver is not thread-safe, so every call must come from the test thread.
 */
public final class Browser implements AutoCloseable {
  private static final List<String> FLAGS = List.of(
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
      // The medianode announces 127.0.0.1; without this Chrome pairs no loopback candidates.
      "--allow-loopback-in-peer-connection",
      // Only one tab is in front; the others must keep their timers and renderers running.
      "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
      "--disable-backgrounding-occluded-windows",
      // Pages that join without a click still play their remote videos with sound.
      "--autoplay-policy=no-user-gesture-required",
      // Room for a grid of three videos in screenshots.
      "--window-size=1280,800");
  private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(20);

  private final Path profile;
  private final ChromeDriverService service;
  private final ChromeDriver driver;
  private final String firstTab;
  private boolean firstTabTaken;
  private String currentTab;

  private Browser(Path profile, ChromeDriverService service, ChromeDriver driver) {
    this.profile = profile;
    this.service = service;
    this.driver = driver;
    this.firstTab = driver.getWindowHandle();
    this.currentTab = firstTab;
  }

  /** Starts Chromium; skips or fails the test first if it is not installed. */
  public static Browser start() {
    ChromiumInstallation.requireOrSkip();
    Path profile;
    try {
      profile = Files.createTempDirectory("switchboard-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // An explicit driver keeps Selenium Manager from trying to download one.
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(ChromiumInstallation.CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .withSilent(true)
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(ChromiumInstallation.CHROMIUM.toString());
    options.addArguments(FLAGS);
    options.addArguments("--user-data-dir=" + profile);
    try {
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().scriptTimeout(SCRIPT_TIMEOUT).pageLoadTimeout(SCRIPT_TIMEOUT);
      return new Browser(profile, service, driver);
    } catch (RuntimeException e) {
      service.stop();
      deleteQuietly(profile);
      throw e;
    }
  }

  /** Opens {@code url} in a new tab (the first page reuses the initial one). */
  public Page open(URI url, String name) {
    return new Page(this, openTab(url.toString()), name);
  }

  /** Opens {@code url} in a new tab (the first one reuses the initial tab) and returns the tab's handle. */
  public String openTab(String url) {
    String handle;
    if (!firstTabTaken) {
      firstTabTaken = true;
      handle = firstTab;
      switchTo(handle);
    } else {
      driver.switchTo().newWindow(WindowType.TAB);
      handle = driver.getWindowHandle();
      currentTab = handle;
    }
    driver.get(url);
    return handle;
  }

  /** Runs an async script in {@code tab}; the script calls {@code arguments[arguments.length - 1]} with its result. */
  public Object executeAsync(String tab, String script, Object... args) {
    switchTo(tab);
    return driver.executeAsyncScript(script, args);
  }

  public Object execute(String tab, String script, Object... args) {
    switchTo(tab);
    return driver.executeScript(script, args);
  }

  public void click(String tab, String cssSelector) {
    switchTo(tab);
    driver.findElement(By.cssSelector(cssSelector)).click();
  }

  /** A PNG of {@code tab}, brought to the front first so that it is rendered. */
  public byte[] screenshot(String tab) {
    driver.switchTo().window(tab);
    currentTab = tab;
    return driver.getScreenshotAs(OutputType.BYTES);
  }

  private void switchTo(String tab) {
    if (!tab.equals(currentTab)) {
      driver.switchTo().window(tab);
      currentTab = tab;
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
      deleteQuietly(profile);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // A file Chromium still held on to: the temp dir is cleaned by the OS eventually.
        }
      });
    } catch (IOException e) {
      // Same: leftover temp files must not fail a test.
    }
  }
}
