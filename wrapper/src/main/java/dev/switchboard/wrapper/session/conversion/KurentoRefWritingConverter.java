package dev.switchboard.wrapper.session.conversion;

import dev.switchboard.wrapper.media.KurentoRef;
import org.bson.Document;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.WritingConverter;

/** Writes a {@link KurentoRef} as the sub-document {@code {server, id}}; stateless. */
@WritingConverter
public final class KurentoRefWritingConverter implements Converter<KurentoRef, Document> {
  static final String SERVER = "server";
  static final String ID = "id";

  @Override
  public Document convert(KurentoRef source) {
    return new Document(SERVER, source.server()).append(ID, source.id());
  }
}
