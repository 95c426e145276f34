package dev.switchboard.wrapper.session.conversion;

import dev.switchboard.wrapper.media.MediaServerPool;
import java.util.List;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;

/** Builds the custom conversions between stored references and Kurento objects; stateless. */
public final class KurentoConversions {
  private KurentoConversions() {}

  public static MongoCustomConversions create(MediaServerPool pool) {
    return new MongoCustomConversions(List.of(
        new KurentoRefWritingConverter(),
        new KurentoRefReadingConverter(),
        new MediaPipelineReadingConverter(pool),
        new WebRtcEndpointReadingConverter(pool)));
  }
}
