package dev.switchboard.wrapper.session.conversion;

import dev.switchboard.wrapper.media.MediaServerPool;
import org.kurento.client.MediaPipeline;
import org.springframework.data.convert.ReadingConverter;

/** Reads a stored pipeline reference as a {@link MediaPipeline} proxy; thread-safe. */
@ReadingConverter
public final class MediaPipelineReadingConverter extends MediaObjectReadingConverter<MediaPipeline> {
  public MediaPipelineReadingConverter(MediaServerPool pool) {
    super(pool, MediaPipeline.class);
  }
}
