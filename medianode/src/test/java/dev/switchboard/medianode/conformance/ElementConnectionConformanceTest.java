package dev.switchboard.medianode.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.kurento.client.ElementConnectedEvent;
import org.kurento.client.ElementConnectionData;
import org.kurento.client.MediaPipeline;
import org.kurento.client.MediaType;
import org.kurento.client.WebRtcEndpoint;

/** connect/disconnect with and without media types, as the group-call and hello-world tutorials use them. */
class ElementConnectionConformanceTest extends KurentoClientTestBase {

  @Test
  void connect_withoutMediaType_linksAudioVideoAndData_andIsIdempotent() {
    MediaPipeline pipeline = kurento.createMediaPipeline();
    WebRtcEndpoint publisher = new WebRtcEndpoint.Builder(pipeline).build();
    WebRtcEndpoint viewer = new WebRtcEndpoint.Builder(pipeline).build();
    List<ElementConnectedEvent> events = new CopyOnWriteArrayList<>();
    publisher.addElementConnectedListener(events::add);

    publisher.connect(viewer);
    publisher.connect(viewer);

    assertThat(publisher.getSinkConnections()).extracting(ElementConnectionData::getType)
        .containsExactlyInAnyOrder(MediaType.AUDIO, MediaType.VIDEO, MediaType.DATA);
    assertThat(viewer.getSourceConnections()).allSatisfy(c -> {
      assertThat(c.getSource().getId()).isEqualTo(publisher.getId());
      assertThat(c.getSink().getId()).isEqualTo(viewer.getId());
    });
    assertThat(viewer.getSourceConnections(MediaType.VIDEO)).hasSize(1);
    awaitSize(events, 3);
    pipeline.release();
  }

  @Test
  void loopback_connectsAnEndpointToItself() {
    MediaPipeline pipeline = kurento.createMediaPipeline();
    WebRtcEndpoint endpoint = new WebRtcEndpoint.Builder(pipeline).build();
    endpoint.connect(endpoint);
    assertThat(endpoint.getSinkConnections()).hasSize(3);
    assertThat(endpoint.getSourceConnections()).hasSize(3);
    pipeline.release();
  }

  @Test
  void connect_aNewSource_replacesTheOldOneForThatMediaType() {
    MediaPipeline pipeline = kurento.createMediaPipeline();
    WebRtcEndpoint first = new WebRtcEndpoint.Builder(pipeline).build();
    WebRtcEndpoint second = new WebRtcEndpoint.Builder(pipeline).build();
    WebRtcEndpoint sink = new WebRtcEndpoint.Builder(pipeline).build();

    first.connect(sink);
    second.connect(sink, MediaType.VIDEO);

    assertThat(sink.getSourceConnections(MediaType.VIDEO)).singleElement()
        .satisfies(c -> assertThat(c.getSource().getId()).isEqualTo(second.getId()));
    assertThat(sink.getSourceConnections(MediaType.AUDIO)).singleElement()
        .satisfies(c -> assertThat(c.getSource().getId()).isEqualTo(first.getId()));
    assertThat(first.getSinkConnections()).extracting(ElementConnectionData::getType)
        .containsExactlyInAnyOrder(MediaType.AUDIO, MediaType.DATA);
    pipeline.release();
  }

  @Test
  void disconnect_removesOnlyTheGivenMediaType() {
    MediaPipeline pipeline = kurento.createMediaPipeline();
    WebRtcEndpoint source = new WebRtcEndpoint.Builder(pipeline).build();
    WebRtcEndpoint sink = new WebRtcEndpoint.Builder(pipeline).build();
    source.connect(sink);
    source.disconnect(sink, MediaType.AUDIO);
    assertThat(source.getSinkConnections()).extracting(ElementConnectionData::getType)
        .containsExactlyInAnyOrder(MediaType.VIDEO, MediaType.DATA);
    source.disconnect(sink);
    assertThat(source.getSinkConnections()).isEmpty();
    assertThat(sink.getSourceConnections()).isEmpty();
    pipeline.release();
  }

  @Test
  void releasingAnEndpoint_dropsItsConnections() {
    MediaPipeline pipeline = kurento.createMediaPipeline();
    WebRtcEndpoint source = new WebRtcEndpoint.Builder(pipeline).build();
    WebRtcEndpoint sink = new WebRtcEndpoint.Builder(pipeline).build();
    source.connect(sink);
    sink.release();
    assertThat(source.getSinkConnections()).isEmpty();
    pipeline.release();
  }

  @Test
  void connect_acrossPipelines_isRefused() {
    MediaPipeline a = kurento.createMediaPipeline();
    MediaPipeline b = kurento.createMediaPipeline();
    WebRtcEndpoint inA = new WebRtcEndpoint.Builder(a).build();
    WebRtcEndpoint inB = new WebRtcEndpoint.Builder(b).build();
    assertKurentoError(40107, () -> inA.connect(inB));
    a.release();
    b.release();
  }

  private static void awaitSize(List<?> list, int size) {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (list.size() < size && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(list).hasSize(size);
  }
}
