package dev.switchboard.wrapper.testing;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.kurento.client.ConnectionState;
import org.kurento.client.ConnectionStateChangedEvent;
import org.kurento.client.EventListener;
import org.kurento.client.IceCandidate;
import org.kurento.client.IceCandidateFoundEvent;
import org.kurento.client.KurentoObject;
import org.kurento.client.MediaFlowInStateChangedEvent;
import org.kurento.client.MediaFlowState;
import org.kurento.client.MediaType;
import org.kurento.client.ListenerSubscription;
import org.kurento.client.MediaElement;
import org.kurento.client.WebRtcEndpoint;

/**
 * A WebRtcEndpoint of a {@link FakeMediaServer}: a Mockito mock whose answers keep the state a
 * media server would (descriptors, candidates, connections, listeners). Thread-safe.
 */
public final class FakeEndpoint {
  private final String id;
  private final WebRtcEndpoint proxy;
  private volatile String remote;
  private volatile String local;
  private volatile boolean released;
  private final AtomicInteger gatherCalls = new AtomicInteger();
  private final AtomicInteger offersProcessed = new AtomicInteger();
  private final List<IceCandidate> candidates = new CopyOnWriteArrayList<>();
  private final List<String> sinks = new CopyOnWriteArrayList<>();
  private final List<EventListener<IceCandidateFoundEvent>> listeners = new CopyOnWriteArrayList<>();
  private final List<EventListener<ConnectionStateChangedEvent>> connectionListeners = new CopyOnWriteArrayList<>();
  private final List<EventListener<MediaFlowInStateChangedEvent>> flowInListeners = new CopyOnWriteArrayList<>();

  @SuppressWarnings("unchecked")
  FakeEndpoint(String id, FakeMediaServer server) {
    this.id = id;
    this.proxy = mock(WebRtcEndpoint.class, id);
    when(proxy.getId()).thenReturn(id);
    when(proxy.processOffer(anyString())).thenAnswer(invocation -> {
      String offer = invocation.getArgument(0);
      synchronized (this) {
        if (remote != null) {
          throw FakeMediaServer.error(40208, "SDP_END_POINT_ALREADY_NEGOTIATED");
        }
        String answer = server.answer(offer);
        remote = offer;
        local = answer;
        offersProcessed.incrementAndGet();
        return answer;
      }
    });
    when(proxy.getRemoteSessionDescriptor()).thenAnswer(invocation -> {
      if (remote == null) {
        throw FakeMediaServer.error(40203, "SDP_END_POINT_NO_REMOTE_SDP_ERROR");
      }
      return remote;
    });
    when(proxy.getLocalSessionDescriptor()).thenAnswer(invocation -> {
      if (local == null) {
        throw FakeMediaServer.error(40202, "SDP_END_POINT_NO_LOCAL_SDP_ERROR");
      }
      return local;
    });
    doAnswer(invocation -> candidates.add(invocation.getArgument(0))).when(proxy).addIceCandidate(any(IceCandidate.class));
    doAnswer(invocation -> gatherCalls.incrementAndGet()).when(proxy).gatherCandidates();
    when(proxy.addIceCandidateFoundListener(any())).thenAnswer(invocation -> {
      listeners.add(invocation.getArgument(0));
      return mock(ListenerSubscription.class);
    });
    when(proxy.addConnectionStateChangedListener(any())).thenAnswer(invocation -> {
      connectionListeners.add(invocation.getArgument(0));
      return mock(ListenerSubscription.class);
    });
    when(proxy.addMediaFlowInStateChangedListener(any())).thenAnswer(invocation -> {
      flowInListeners.add(invocation.getArgument(0));
      return mock(ListenerSubscription.class);
    });
    doAnswer(invocation -> sinks.add(((KurentoObject) invocation.getArgument(0)).getId()))
        .when(proxy).connect(any(MediaElement.class));
    doAnswer(invocation -> {
      released = true;
      server.recordRelease(id);
      return null;
    }).when(proxy).release();
  }

  public String id() {
    return id;
  }

  public WebRtcEndpoint proxy() {
    return proxy;
  }

  public String remote() {
    return remote;
  }

  public boolean released() {
    return released;
  }

  public int gatherCalls() {
    return gatherCalls.get();
  }

  public int offersProcessed() {
    return offersProcessed.get();
  }

  public List<IceCandidate> candidates() {
    return List.copyOf(candidates);
  }

  public List<String> sinks() {
    return List.copyOf(sinks);
  }

  public int listenerCount() {
    return listeners.size();
  }

  /** Emits a server-side candidate to every subscribed listener, as the media server would. */
  public void emit(IceCandidate candidate) {
    IceCandidateFoundEvent event = new IceCandidateFoundEvent(proxy, "0", List.of(), "IceCandidateFound", candidate);
    listeners.forEach(listener -> listener.onEvent(event));
  }

  /** Emits ConnectionStateChanged to every subscribed listener. */
  public void emitConnection(ConnectionState newState) {
    ConnectionState old = newState == ConnectionState.CONNECTED ? ConnectionState.DISCONNECTED : ConnectionState.CONNECTED;
    ConnectionStateChangedEvent event = new ConnectionStateChangedEvent(proxy, "0", List.of(), "ConnectionStateChanged",
        old, newState);
    connectionListeners.forEach(listener -> listener.onEvent(event));
  }

  /** Emits MediaFlowInStateChanged for video to every subscribed listener. */
  public void emitFlowIn(MediaFlowState state) {
    MediaFlowInStateChangedEvent event = new MediaFlowInStateChangedEvent(proxy, "0", List.of(),
        "MediaFlowInStateChanged", state, "default", MediaType.VIDEO);
    flowInListeners.forEach(listener -> listener.onEvent(event));
  }
}
