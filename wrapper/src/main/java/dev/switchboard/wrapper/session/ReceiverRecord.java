package dev.switchboard.wrapper.session;

import dev.switchboard.wrapper.media.KurentoRef;

/** The endpoint through which a participant receives the media of {@code target}. Immutable. */
public record ReceiverRecord(String target, KurentoRef endpoint) {}
