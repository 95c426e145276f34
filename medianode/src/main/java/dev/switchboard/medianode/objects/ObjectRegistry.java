package dev.switchboard.medianode.objects;

import dev.switchboard.medianode.rpc.KurentoError;
import dev.switchboard.medianode.rpc.KurentoException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Every live media object by id, and the release cascade (children first, then the object,
 * then whoever listens: sessions drop references and subscriptions). Confined to the control
 * thread.
 */
public final class ObjectRegistry {
  private final Map<String, MediaObject> objects = new LinkedHashMap<>();
  private final List<Consumer<MediaObject>> createdListeners = new ArrayList<>();
  private final List<Consumer<MediaObject>> releasedListeners = new ArrayList<>();

  public void onCreated(Consumer<MediaObject> listener) {
    createdListeners.add(listener);
  }

  public void onReleased(Consumer<MediaObject> listener) {
    releasedListeners.add(listener);
  }

  public void register(MediaObject object) {
    objects.put(object.id(), object);
    if (object.parent() != null) {
      object.parent().addChild(object);
    }
    createdListeners.forEach(l -> l.accept(object));
  }

  public Optional<MediaObject> find(String id) {
    return Optional.ofNullable(objects.get(id));
  }

  public MediaObject require(String id) {
    MediaObject o = objects.get(id);
    if (o == null) {
      throw new KurentoException(KurentoError.MEDIA_OBJECT_NOT_FOUND, "Object '" + id + "' not found");
    }
    return o;
  }

  public List<MediaPipeline> pipelines() {
    List<MediaPipeline> out = new ArrayList<>();
    for (MediaObject o : objects.values()) {
      if (o instanceof MediaPipeline p) {
        out.add(p);
      }
    }
    return out;
  }

  public int size() {
    return objects.size();
  }

  /** Releases the object and all its descendants; a second release of the same object does nothing. */
  public void release(MediaObject object) {
    if (object.released() || objects.get(object.id()) != object) {
      return;
    }
    for (MediaObject child : object.children()) {
      release(child);
    }
    object.onRelease();
    object.markReleased();
    objects.remove(object.id());
    if (object.parent() != null) {
      object.parent().removeChild(object);
    }
    releasedListeners.forEach(l -> l.accept(object));
  }
}
