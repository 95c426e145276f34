package dev.switchboard.medianode.kmd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.medianode.rpc.Json;
import dev.switchboard.medianode.rpc.KurentoException;
import java.util.List;
import org.junit.jupiter.api.Test;

class KmdModelTest {
  private final KmdModel kmd = KmdModel.load();

  @Test
  void webRtcEndpoint_inheritsEventsFromTheWholeHierarchy() {
    assertThat(kmd.hierarchy("WebRtcEndpoint")).extracting(RemoteClassInfo::qualifiedName).containsExactly(
        "kurento.WebRtcEndpoint", "kurento.BaseRtpEndpoint", "kurento.SdpEndpoint", "kurento.SessionEndpoint",
        "kurento.Endpoint", "kurento.MediaElement", "kurento.MediaObject");
    assertThat(kmd.events("WebRtcEndpoint")).contains("IceCandidateFound", "MediaStateChanged",
        "MediaSessionStarted", "MediaFlowInStateChanged", "Error");
    assertThat(kmd.events("MediaPipeline")).containsExactly("Error");
  }

  @Test
  void propertiesBecomeGetAndSetOperations() {
    assertThat(kmd.operation("WebRtcEndpoint", "getMaxVideoRecvBandwidth")).isPresent();
    assertThat(kmd.operation("WebRtcEndpoint", "setMaxVideoRecvBandwidth")).isPresent();
    assertThat(kmd.operation("WebRtcEndpoint", "getICECandidatePairs")).isPresent();
    assertThat(kmd.operation("WebRtcEndpoint", "setMediaState")).as("read-only").isEmpty();
    assertThat(kmd.operation("MediaPipeline", "setId")).as("final").isEmpty();
  }

  @Test
  void paramChecker_namesTheParameterOfTheWrongType() {
    ParamChecker checker = new ParamChecker(kmd);
    List<ParamInfo> params = kmd.operation("WebRtcEndpoint", "connect").orElseThrow().params();
    checker.check(params, Json.object().put("sink", "x").put("mediaType", "VIDEO"));
    assertThatThrownBy(() -> checker.check(params, Json.object().put("sink", 3)))
        .isInstanceOf(KurentoException.class).hasMessageContaining("'sink'");
    assertThatThrownBy(() -> checker.check(params, Json.object().put("sink", "x").put("mediaType", "NOISE")))
        .isInstanceOf(KurentoException.class).hasMessageContaining("'mediaType'");
  }
}
