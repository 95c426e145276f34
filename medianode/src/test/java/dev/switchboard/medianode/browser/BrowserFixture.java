package dev.switchboard.medianode.browser;

import dev.switchboard.medianode.MediaNode;
import dev.switchboard.medianode.config.ConfigLoader;
import dev.switchboard.medianode.config.MediaNodeConfig;
import java.time.Clock;
import java.util.Map;
import org.kurento.client.KurentoClient;

/**
 * What a medianode browser test needs, started together and closed in reverse order: a
 * medianode, a KurentoClient on it, the page server and one Chromium. Test thread only.
 */
final class BrowserFixture implements AutoCloseable {
  final MediaNode node;
  final KurentoClient kurento;
  final PageServer pages;
  final Browser browser;

  private BrowserFixture(MediaNode node, KurentoClient kurento, PageServer pages, Browser browser) {
    this.node = node;
    this.kurento = kurento;
    this.pages = pages;
    this.browser = browser;
  }

  static BrowserFixture start() throws InterruptedException {
    ChromiumInstallation.requireOrSkip();
    MediaNode node = null;
    KurentoClient kurento = null;
    PageServer pages = null;
    try {
      node = startNode();
      kurento = KurentoClient.create(node.url().toString());
      pages = PageServer.start();
      return new BrowserFixture(node, kurento, pages, Browser.start());
    } catch (RuntimeException | InterruptedException | Error e) {
      closeAll(null, pages, kurento, node);
      throw e;
    }
  }

  /**
   * Candidates on 127.0.0.1 only, so ICE works whatever interfaces the machine has; a real clock
   * (unlike the conformance tests' hand-driven one), because ICE consent and DTLS run on timers.
   */
  private static MediaNode startNode() throws InterruptedException {
    // Flags rather than the record's constructor, so new config fields keep their defaults; a free
    // UDP port so concurrent runs on one machine do not collide.
    MediaNodeConfig config = ConfigLoader.load(
        new String[] {"--port", "0", "--udp-port", "0", "--announced-ip", "127.0.0.1"}, Map.of());
    return MediaNode.start(config, Clock.systemUTC());
  }

  Page openPage(String name) {
    return browser.open(pages.peerPage(), name);
  }

  @Override
  public void close() {
    closeAll(browser, pages, kurento, node);
  }

  private static void closeAll(Browser browser, PageServer pages, KurentoClient kurento, MediaNode node) {
    RuntimeException first = null;
    for (Runnable step : new Runnable[] {
        () -> { if (browser != null) browser.close(); },
        () -> { if (pages != null) pages.close(); },
        () -> { if (kurento != null) kurento.destroy(); },
        () -> { if (node != null) node.close(); }}) {
      try {
        step.run();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
