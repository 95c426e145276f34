package dev.switchboard.medianode.media;

import dev.switchboard.medianode.media.forward.MediaEndpoint;
import dev.switchboard.medianode.media.transport.EndpointTransport;

/**
 * The control plane's handle on one endpoint's media: its transport and forwarding state. The
 * control thread only passes it back to {@link MediaPlane}; the objects inside belong to the media
 * thread.
 */
public final class EndpointMedia {
  final EndpointTransport transport;
  final MediaEndpoint media;
  final String name;

  EndpointMedia(String name, EndpointTransport transport, MediaEndpoint media) {
    this.name = name;
    this.transport = transport;
    this.media = media;
  }

  @Override
  public String toString() {
    return name;
  }
}
