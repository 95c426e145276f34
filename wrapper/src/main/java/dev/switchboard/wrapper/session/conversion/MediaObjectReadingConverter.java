package dev.switchboard.wrapper.session.conversion;

import dev.switchboard.wrapper.media.MediaServerPool;
import org.bson.Document;
import org.kurento.client.KurentoObject;
import org.springframework.core.convert.converter.Converter;

/**
 * Reads the sub-document {@code {server, id}} as a Kurento client proxy of type {@code T} on
 * that media server of the pool. Resolving makes no network call ({@code getById}); it throws
 * only when the pool has never reached that server. Thread-safe.
 */
abstract class MediaObjectReadingConverter<T extends KurentoObject> implements Converter<Document, T> {
  private final MediaServerPool pool;
  private final Class<T> type;
  private final KurentoRefReadingConverter refs = new KurentoRefReadingConverter();

  MediaObjectReadingConverter(MediaServerPool pool, Class<T> type) {
    this.pool = pool;
    this.type = type;
  }

  @Override
  public T convert(Document source) {
    return pool.resolve(refs.convert(source), type);
  }
}
