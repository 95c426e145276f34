package dev.switchboard.wrapper.media;

import java.util.Objects;

/**
 * A Kurento object as MongoDB stores it: the pool member it lives on and its Kurento id.
 * Immutable.
 */
public record KurentoRef(String server, String id) {
  public KurentoRef {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(id, "id");
  }
}
