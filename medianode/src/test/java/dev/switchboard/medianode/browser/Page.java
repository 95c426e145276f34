package dev.switchboard.medianode.browser;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One browser tab showing peer.html, reached through its {@link Browser}; like the browser, it
 * must only be used from the test thread.
 */
public final class Page {
  static final JsonMapper JSON = JsonMapper.builder().build();

  // executeAsyncScript's last argument is the callback; the page's functions return promises.
  // Values come back as JSON text so that numbers keep their types.
  private static final String CALL = """
      const args = Array.prototype.slice.call(arguments);
      const done = args.pop();
      const name = args.shift();
      const fn = window.switchboard && window.switchboard[name];
      if (!fn) {
        done({ok: false, error: 'peer.js does not define ' + name});
        return;
      }
      Promise.resolve()
        .then(() => fn(...args))
        .then((v) => done({ok: true, value: JSON.stringify(v === undefined ? null : v)}),
              (e) => done({ok: false, error: (e && e.name ? e.name + ': ' : '') + (e && e.message ? e.message : String(e))}));
      """;

  private final Browser browser;
  private final String tab;
  private final String name;

  Page(Browser browser, String tab, String name) {
    this.browser = browser;
    this.tab = tab;
    this.name = name;
  }

  public String name() {
    return name;
  }

  /** Creates a named RTCPeerConnection built as kurento-utils' WebRtcPeer of that mode builds it. */
  public PagePeer startPeer(String peerName, PeerMode mode) {
    call("startPeer", peerName, mode.js());
    return new PagePeer(this, peerName);
  }

  JsonNode call(String function, Object... args) {
    Object[] all = new Object[args.length + 1];
    all[0] = function;
    System.arraycopy(args, 0, all, 1, args.length);
    Object result = browser.executeAsync(tab, CALL, all);
    if (!(result instanceof Map<?, ?> map)) {
      throw new PageScriptException("page " + name + ": " + function + " returned " + result);
    }
    if (!Boolean.TRUE.equals(map.get("ok"))) {
      throw new PageScriptException("page " + name + ": " + function + " failed: " + map.get("error"));
    }
    return JSON.readTree((String) map.get("value"));
  }

  /** A function of peer.js rejected: the message carries the browser's error. */
  public static final class PageScriptException extends RuntimeException {
    PageScriptException(String message) {
      super(message);
    }
  }
}
