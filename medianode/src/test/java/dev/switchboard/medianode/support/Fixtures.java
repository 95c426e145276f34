package dev.switchboard.medianode.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads the SDP offers captured from headless Chromium (webrtc module's test resources). Stateless. */
public final class Fixtures {
  private Fixtures() {}

  public static String chromiumOffer(String name) {
    String resource = "/sdp/chromium/" + name + ".sdp";
    try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing fixture " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
