package dev.switchboard.wrapper.session;

import org.kurento.client.WebRtcEndpoint;

/** A receiving endpoint of a {@link LiveParticipant} for the media of {@code target}. Immutable. */
public record LiveReceiver(String target, WebRtcEndpoint endpoint) {}
