package dev.switchboard.wrapper.session.conversion;

import dev.switchboard.wrapper.media.KurentoRef;
import org.bson.Document;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;

/** Reads the sub-document {@code {server, id}} back as a {@link KurentoRef}; stateless. */
@ReadingConverter
public final class KurentoRefReadingConverter implements Converter<Document, KurentoRef> {
  @Override
  public KurentoRef convert(Document source) {
    return new KurentoRef(source.getString(KurentoRefWritingConverter.SERVER),
        source.getString(KurentoRefWritingConverter.ID));
  }
}
