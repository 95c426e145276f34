package dev.switchboard.medianode.objects;

import java.util.List;

/** Kurento's {@code MediaType} enum, the unit in which elements are connected. */
public enum MediaType {
  AUDIO,
  DATA,
  VIDEO;

  /** What {@code connect} without a media type means: every type. */
  public static List<MediaType> allOrOne(String nameOrNull) {
    return nameOrNull == null ? List.of(AUDIO, VIDEO, DATA) : List.of(valueOf(nameOrNull));
  }
}
