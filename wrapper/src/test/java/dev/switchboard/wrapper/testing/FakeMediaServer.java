package dev.switchboard.wrapper.testing;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.kurento.client.KurentoClient;
import org.kurento.client.KurentoObject;
import org.kurento.client.MediaPipeline;
import org.kurento.client.ServerManager;
import org.kurento.client.internal.server.KurentoServerException;
import org.kurento.jsonrpc.message.ResponseError;

/**
 * One media server as the wrapper sees it through kurento-client: a mocked {@link KurentoClient}
 * that creates pipelines, resolves ids with {@code getById} and reports its memory use; endpoints
 * are {@link FakeEndpoint}s. Thread-safe.
 */
public final class FakeMediaServer {
  private final String id;
  private final KurentoClient client = mock(KurentoClient.class);
  private final Map<String, Object> objects = new ConcurrentHashMap<>();
  private final Map<String, FakeEndpoint> endpoints = new ConcurrentHashMap<>();
  private final List<String> pipelines = new CopyOnWriteArrayList<>();
  private final List<String> released = new CopyOnWriteArrayList<>();
  private volatile long usedMemoryKib = 1000;
  private volatile boolean down;
  private volatile UnaryOperator<String> answerer = offer -> "answer to " + offer;

  FakeMediaServer(String id) {
    this.id = id;
    ServerManager manager = mock(ServerManager.class);
    when(manager.getUsedMemory()).thenAnswer(invocation -> {
      if (down) {
        throw new IllegalStateException("media server " + id + " is down");
      }
      return usedMemoryKib;
    });
    // What the failover probe lists: the pipelines this server holds (not released).
    when(manager.getPipelines()).thenAnswer(invocation -> {
      if (down) {
        throw new IllegalStateException("media server " + id + " is down");
      }
      return pipelines.stream().filter(p -> !released.contains(p)).map(p -> (MediaPipeline) objects.get(p)).toList();
    });
    when(client.getServerManager()).thenReturn(manager);
    when(client.createMediaPipeline()).thenAnswer(invocation -> newPipeline());
    when(client.getById(anyString(), any())).thenAnswer(invocation -> {
      Object object = objects.get(invocation.<String>getArgument(0));
      if (object == null) {
        throw error(40101, "MEDIA_OBJECT_NOT_FOUND " + invocation.getArgument(0));
      }
      return object;
    });
  }

  public String id() {
    return id;
  }

  public KurentoClient client() {
    return client;
  }

  public void setUsedMemoryKib(long usedMemoryKib) {
    this.usedMemoryKib = usedMemoryKib;
  }

  public void setDown(boolean down) {
    this.down = down;
  }

  public boolean isDown() {
    return down;
  }

  /** What processOffer answers (may throw, e.g. {@link #error} for an invalid SDP). */
  public void setAnswerer(UnaryOperator<String> answerer) {
    this.answerer = answerer;
  }

  String answer(String offer) {
    return answerer.apply(offer);
  }

  public MediaPipeline newPipeline() {
    String pipelineId = UUID.randomUUID() + "_kurento.MediaPipeline";
    MediaPipeline pipeline = mock(MediaPipeline.class, pipelineId);
    when(pipeline.getId()).thenReturn(pipelineId);
    doAnswer(invocation -> {
      recordRelease(pipelineId);
      return null;
    }).when(pipeline).release();
    objects.put(pipelineId, pipeline);
    pipelines.add(pipelineId);
    return pipeline;
  }

  public FakeEndpoint newEndpoint(MediaPipeline pipeline) {
    String endpointId = pipeline.getId() + "/" + UUID.randomUUID() + "_kurento.WebRtcEndpoint";
    FakeEndpoint endpoint = new FakeEndpoint(endpointId, this);
    objects.put(endpointId, endpoint.proxy());
    endpoints.put(endpointId, endpoint);
    return endpoint;
  }

  public boolean owns(KurentoObject object) {
    return objects.containsKey(object.getId());
  }

  public FakeEndpoint endpoint(String endpointId) {
    return endpoints.get(endpointId);
  }

  public List<FakeEndpoint> endpoints() {
    return List.copyOf(endpoints.values());
  }

  public List<String> pipelines() {
    return List.copyOf(pipelines);
  }

  public List<String> released() {
    return List.copyOf(released);
  }

  void recordRelease(String objectId) {
    released.add(objectId);
  }

  /** The exception kurento-client throws for a media-server error of this code. */
  public static KurentoServerException error(int code, String type) {
    return new KurentoServerException(new ResponseError(code, type + " (fake)", (String) null, type));
  }
}
