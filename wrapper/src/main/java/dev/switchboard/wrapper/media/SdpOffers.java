package dev.switchboard.wrapper.media;

import java.util.List;
import java.util.Objects;

/**
 * Tells whether the remote description an endpoint holds is the same offer as a (possibly
 * redelivered) one; stateless.
 *
 * <p>A media server may re-serialise the offer it stored, so the texts are compared line by line
 * without line endings and empty lines; failing that, two offers with the same origin line
 * ({@code o=}: session id and version) and ICE credentials are the same negotiation. A client
 * that renegotiates after reconnecting changes both.
 */
public final class SdpOffers {
  private SdpOffers() {}

  public static boolean same(String stored, String offer) {
    if (stored == null || offer == null) {
      return false;
    }
    if (lines(stored).equals(lines(offer))) {
      return true;
    }
    String origin = line(offer, "o=");
    List<String> ufrags = values(offer, "a=ice-ufrag:");
    return origin != null && !ufrags.isEmpty()
        && Objects.equals(origin, line(stored, "o="))
        && ufrags.equals(values(stored, "a=ice-ufrag:"));
  }

  private static List<String> lines(String sdp) {
    return sdp.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
  }

  private static String line(String sdp, String prefix) {
    return lines(sdp).stream().filter(line -> line.startsWith(prefix)).findFirst().orElse(null);
  }

  private static List<String> values(String sdp, String prefix) {
    return lines(sdp).stream().filter(line -> line.startsWith(prefix)).distinct().toList();
  }
}
