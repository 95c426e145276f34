package dev.switchboard.medianode.browser;

import java.util.LinkedHashMap;
import java.util.Map;

/** An ICE candidate as RTCIceCandidateInit carries it, and as Kurento's IceCandidate does. */
public record BrowserCandidate(String candidate, String sdpMid, int sdpMLineIndex) {

  Map<String, Object> toScriptArgument() {
    Map<String, Object> init = new LinkedHashMap<>();
    init.put("candidate", candidate);
    init.put("sdpMid", sdpMid);
    init.put("sdpMLineIndex", sdpMLineIndex);
    return init;
  }
}
