package dev.switchboard.api.web;

import dev.switchboard.api.auth.ParticipantAuthInterceptor;
import dev.switchboard.api.auth.ParticipantTokens;
import dev.switchboard.api.config.ApiProperties;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/** Wires the body-size filter and the participant-auth interceptor onto {@code /api} routes, and JSON container errors; configuration only. */
@Configuration(proxyBeanMethods = false)
public class WebConfig implements WebMvcConfigurer {
  private final ParticipantTokens tokens;

  public WebConfig(ParticipantTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new ParticipantAuthInterceptor(tokens)).addPathPatterns("/api/**");
  }

  /**
   * Installs {@link JsonErrorReportValve} as the host's error report valve. Setting the class
   * (rather than adding a valve) makes Tomcat put it innermost, so it reports before Spring
   * Boot's HTML one, whatever order the customizers run in.
   */
  @Bean
  public WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> jsonContainerErrors() {
    return factory -> factory.addContextCustomizers(context -> {
      if (context.getParent() instanceof StandardHost host) {
        host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
      }
    });
  }

  @Bean
  public FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(ApiProperties properties, JsonMapper json) {
    FilterRegistrationBean<BodySizeLimitFilter> registration =
        new FilterRegistrationBean<>(new BodySizeLimitFilter(properties.maxBodyBytes(), json));
    registration.addUrlPatterns("/api/*");
    // First, before anything reads the body.
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }
}
