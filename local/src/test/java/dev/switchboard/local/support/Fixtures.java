package dev.switchboard.local.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Real Chromium offers captured with tools/capture-offers (webrtc module test resources). */
public final class Fixtures {
  private Fixtures() {}

  public static String chromiumOffer(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/sdp/chromium/" + name + ".sdp")) {
      if (in == null) {
        throw new IllegalStateException("Missing fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
