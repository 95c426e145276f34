package dev.switchboard.wrapper.testing;

import com.mongodb.client.MongoClient;
import dev.switchboard.wrapper.media.MediaServerPool;
import dev.switchboard.wrapper.session.conversion.KurentoConversions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;
import org.springframework.data.mongodb.core.convert.DefaultDbRefResolver;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;

/** Builds a MongoTemplate wired like Spring Boot's, with the wrapper's Kurento conversions. */
public final class TestMongoTemplates {
  private TestMongoTemplates() {}

  public static MongoTemplate create(MongoClient client, String database, MediaServerPool pool) {
    SimpleMongoClientDatabaseFactory factory = new SimpleMongoClientDatabaseFactory(client, database);
    MongoCustomConversions conversions = KurentoConversions.create(pool);
    MongoMappingContext context = new MongoMappingContext();
    context.setSimpleTypeHolder(conversions.getSimpleTypeHolder());
    context.afterPropertiesSet();
    MappingMongoConverter converter = new MappingMongoConverter(new DefaultDbRefResolver(factory), context);
    converter.setCustomConversions(conversions);
    converter.afterPropertiesSet();
    return new MongoTemplate(factory, converter);
  }
}
