package dev.switchboard.wrapper.health;

import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The "mongo" health check as a {@code ping} on the wrapper's database; stateless. Its bean name
 * replaces Spring Boot's check, whose {@code hello} command the embedded MongoDB (one-JVM setup)
 * does not implement; {@code ping} works on both.
 */
@Component("mongoHealthIndicator")
public class MongoPingHealthIndicator extends AbstractHealthIndicator {
  private final MongoTemplate mongo;

  public MongoPingHealthIndicator(MongoTemplate mongo) {
    super("MongoDB did not answer a ping");
    this.mongo = mongo;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    Document answer = mongo.executeCommand(new Document("ping", 1));
    builder.up().withDetail("database", mongo.getDb().getName()).withDetail("ok", answer.get("ok"));
  }
}
