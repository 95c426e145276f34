package dev.switchboard.medianode.objects;

import tools.jackson.databind.node.ObjectNode;

/**
 * Where a media object raises its events; the session layer sends one {@code onEvent} per
 * subscribed session. Called on the control thread only.
 */
public interface EventSink {
  void emit(MediaObject source, String eventType, ObjectNode data);
}
