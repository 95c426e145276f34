package dev.switchboard.api.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Describes the api and its bearer token in the OpenAPI document at {@code /v3/api-docs}; built once at start-up. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {
  /** Name of the security scheme the participant routes refer to. */
  public static final String PARTICIPANT_TOKEN = "participantToken";
  /** Name of the security scheme of the application's routes (create a session, join). */
  public static final String APPLICATION_KEY = "applicationKey";

  @Bean
  public OpenAPI switchboardOpenApi() {
    return new OpenAPI()
        .info(new Info()
            .title("Switchboard api")
            .version("1")
            .description("Group calls over WebRTC: create a session, join it, send SDP offers and ICE candidates, "
                + "and poll your messages. The application's backend creates sessions and joins participants with "
                + "its application key; every participant route needs the participant's token returned by the join."))
        .components(new Components()
            .addSecuritySchemes(PARTICIPANT_TOKEN, new SecurityScheme()
                .type(SecurityScheme.Type.HTTP)
                .scheme("bearer")
                .bearerFormat("JWT")
                .description("HS256 JWT returned by the join, bound to one session and participant, with its rights "
                    + "(publish, receive); short-lived: refresh it with POST .../token before tokenExpiresAt"))
            .addSecuritySchemes(APPLICATION_KEY, new SecurityScheme()
                .type(SecurityScheme.Type.HTTP)
                .scheme("bearer")
                .description("switchboard.api.application-key; keep it on the application's servers")));
  }
}
