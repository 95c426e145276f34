package dev.switchboard.wrapper.config;

import dev.switchboard.wrapper.media.MediaServerPool;
import dev.switchboard.wrapper.session.conversion.KurentoConversions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;

/**
 * Registers the custom conversions between stored {@code {server, id}} references and Kurento
 * client objects (Spring Boot hands them to its MongoTemplate); beans only.
 */
@Configuration(proxyBeanMethods = false)
public class MongoConfiguration {
  @Bean
  MongoCustomConversions mongoCustomConversions(MediaServerPool pool) {
    return KurentoConversions.create(pool);
  }
}
