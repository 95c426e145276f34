package dev.switchboard.wrapper.config;

import dev.switchboard.wrapper.config.WrapperProperties.MediaServerSpec;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/**
 * Reads one media server written as {@code id=uri}, so that
 * {@code SWITCHBOARD_MEDIA_SERVERS=a=ws://h1:8888/kurento,b=ws://h2:8888/kurento} configures the
 * pool (the binder splits the list at commas first); stateless.
 */
@Component
@ConfigurationPropertiesBinding
public class MediaServerSpecConverter implements Converter<String, MediaServerSpec> {
  @Override
  public MediaServerSpec convert(String source) {
    String text = source.strip();
    int equals = text.indexOf('=');
    if (equals <= 0 || equals == text.length() - 1) {
      throw new IllegalArgumentException("media server '" + source + "' must look like id=ws://host:port/kurento");
    }
    // Split at the first '=': a URI may carry more of them in its query.
    return new MediaServerSpec(text.substring(0, equals).strip(), text.substring(equals + 1).strip());
  }
}
