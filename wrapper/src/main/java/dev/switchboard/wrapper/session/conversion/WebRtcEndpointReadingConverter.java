package dev.switchboard.wrapper.session.conversion;

import dev.switchboard.wrapper.media.MediaServerPool;
import org.kurento.client.WebRtcEndpoint;
import org.springframework.data.convert.ReadingConverter;

/** Reads a stored endpoint reference as a {@link WebRtcEndpoint} proxy; thread-safe. */
@ReadingConverter
public final class WebRtcEndpointReadingConverter extends MediaObjectReadingConverter<WebRtcEndpoint> {
  public WebRtcEndpointReadingConverter(MediaServerPool pool) {
    super(pool, WebRtcEndpoint.class);
  }
}
