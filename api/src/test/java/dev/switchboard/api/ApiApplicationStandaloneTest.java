package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.support.ApiClient;
import dev.switchboard.api.support.ApiClient.Participant;
import dev.switchboard.api.support.Broker;
import dev.switchboard.api.support.EmbeddedMongo;
import dev.switchboard.contracts.Topology;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The api keeps its guarantees when its application.yaml is hidden (as on a classpath shared with
 * another service in one JVM) and the visible configuration says otherwise: confirmed, mandatory
 * publishing and strict REST bodies do not depend on configuration.
 */
class ApiApplicationStandaloneTest {
  @Test
  void worksWithoutItsApplicationYamlAndWithAnotherServicesBrokerSettings() {
    try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ApiApplication.class).run(
        "--spring.config.name=no-such-configuration",
        "--spring.main.banner-mode=off",
        "--server.port=0",
        "--spring.mongodb.uri=" + EmbeddedMongo.uri(),
        "--spring.rabbitmq.publisher-confirm-type=simple",
        "--spring.rabbitmq.publisher-returns=false")) {
      ApiClient api = new ApiClient(((WebServerApplicationContext) context).getWebServer().getPort());
      String sid = api.createSession();
      try {
        Participant ada = api.join(sid, "Ada");
        assertThat(api.post("/api/sessions/" + sid + "/participants", "{\"name\":\"Bob\",\"role\":\"admin\"}", ApiClient.APPLICATION_KEY).status())
            .as("unknown fields are still refused").isEqualTo(400);

        Broker.deleteQueue(Topology.sessionQueue(sid));
        assertThat(api.delete(ada.path(), ada.token()).status()).as("a returned command is still noticed").isEqualTo(404);
        Broker.deleteQueue(Topology.userQueue(ada.participantId()));
      } finally {
        Broker.deleteQueue(Topology.sessionQueue(sid));
        Broker.deleteExchange(Topology.sessionExchange(sid));
        Broker.take(Topology.WRAPPER_QUEUE, body -> body.contains(sid));
      }
    }
  }
}
