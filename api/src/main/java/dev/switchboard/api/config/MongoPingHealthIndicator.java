package dev.switchboard.api.config;

import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The "mongo" health check, by a {@code ping} of the api's database; thread-safe. It replaces
 * Spring Boot's check (which its bean name makes back off) because that one sends {@code hello},
 * which the embedded MongoDB of the one-JVM setup does not know, so readiness would never be UP.
 */
@Component("mongoHealthIndicator")
public class MongoPingHealthIndicator extends AbstractHealthIndicator {
  private final MongoTemplate mongo;

  public MongoPingHealthIndicator(MongoTemplate mongo) {
    super("MongoDB health check failed");
    this.mongo = mongo;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    mongo.executeCommand(new Document("ping", 1));
    builder.up();
  }
}
