package dev.switchboard.medianode.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.kurento.client.KurentoClient;
import org.kurento.client.MediaObject;
import org.kurento.client.MediaPipeline;
import org.kurento.client.Transaction;
import org.kurento.client.WebRtcEndpoint;

/** Ids, getById, tags, names, release cascade, transactions and closeSession through the official client. */
class LifecycleConformanceTest extends KurentoClientTestBase {

  @Test
  void ids_followTheKmsFormat_andResolveWithGetById() {
    MediaPipeline pipeline = kurento.createMediaPipeline();
    WebRtcEndpoint endpoint = new WebRtcEndpoint.Builder(pipeline).build();
    assertThat(pipeline.getId()).matches("[0-9a-f-]{36}_kurento\\.MediaPipeline");
    assertThat(endpoint.getId()).matches(java.util.regex.Pattern.quote(pipeline.getId()) + "/[0-9a-f-]{36}_kurento\\.WebRtcEndpoint");

    WebRtcEndpoint resolved = kurento.getById(endpoint.getId(), WebRtcEndpoint.class);
    assertThat(resolved.getMediaPipeline().getId()).isEqualTo(pipeline.getId());
    assertThat(resolved.getParent().getId()).isEqualTo(pipeline.getId());
    assertThat(pipeline.getChildren()).extracting(MediaObject::getId).containsExactly(endpoint.getId());
    assertThat(endpoint.getCreationTime()).isPositive();
    pipeline.release();
  }

  @Test
  void namesAndTags_roundTrip() {
    MediaPipeline pipeline = kurento.createMediaPipeline();
    assertThat(pipeline.getName()).isEqualTo(pipeline.getId());
    pipeline.setName("room-42");
    pipeline.addTag("tenant", "acme");
    assertThat(pipeline.getName()).isEqualTo("room-42");
    assertThat(pipeline.getTag("tenant")).isEqualTo("acme");
    assertThat(pipeline.getTags()).singleElement().satisfies(t -> assertThat(t.getValue()).isEqualTo("acme"));
    pipeline.removeTag("tenant");
    assertThat(pipeline.getTags()).isEmpty();
    assertKurentoError(40107, () -> pipeline.getTag("tenant"));
    pipeline.setSendTagsInEvents(true);
    assertThat(pipeline.getSendTagsInEvents()).isTrue();
    assertThat(pipeline.getGstreamerDot()).startsWith("digraph");
    pipeline.release();
  }

  @Test
  void releasingAPipeline_releasesItsElements_andReleaseIsIdempotent() {
    int before = running.node.objectCount();
    MediaPipeline pipeline = kurento.createMediaPipeline();
    WebRtcEndpoint endpoint = new WebRtcEndpoint.Builder(pipeline).build();
    assertThat(running.node.objectCount()).isEqualTo(before + 2);

    pipeline.release();
    pipeline.release();

    assertThat(running.node.objectCount()).isEqualTo(before);
    WebRtcEndpoint stale = kurento.getById(endpoint.getId(), WebRtcEndpoint.class);
    assertKurentoError(40101, stale::getName);
  }

  @Test
  void transaction_createsAPipelineAndAnEndpointInOneRoundTrip() {
    Transaction tx = kurento.beginTransaction();
    MediaPipeline pipeline = kurento.createMediaPipeline(tx);
    WebRtcEndpoint endpoint = new WebRtcEndpoint.Builder(pipeline).build(tx);
    tx.commit();

    assertThat(endpoint.getId()).startsWith(pipeline.getId() + "/");
    assertThat(endpoint.getMediaPipeline().getId()).isEqualTo(pipeline.getId());
    pipeline.release();
  }

  @Test
  void destroy_sendsCloseSession_whichReleasesWhatOnlyThatClientHeld() {
    int before = running.node.objectCount();
    KurentoClient other = KurentoClient.create(running.node.url().toString());
    MediaPipeline pipeline = other.createMediaPipeline();
    new WebRtcEndpoint.Builder(pipeline).build();
    MediaPipeline shared = other.createMediaPipeline();
    kurento.getById(shared.getId(), MediaPipeline.class).getName(); // our session now references it too
    assertThat(running.node.objectCount()).isEqualTo(before + 3);

    other.destroy();

    assertThat(running.node.objectCount()).isEqualTo(before + 1);
    kurento.getById(shared.getId(), MediaPipeline.class).release();
    assertThat(running.node.objectCount()).isEqualTo(before);
  }

  @Test
  void unknownTypes_areRefusedWithTheKmsCode() {
    assertKurentoError(40100, () -> new org.kurento.client.PlayerEndpoint.Builder(kurento.createMediaPipeline(), "file:///x").build());
  }
}
