package dev.switchboard.api.web;

import dev.switchboard.api.auth.AccessInterceptor;
import dev.switchboard.api.auth.AdminKeyCheck;
import dev.switchboard.api.auth.ApplicationKeyCheck;
import dev.switchboard.api.auth.ParticipantTokens;
import dev.switchboard.api.config.ApiProperties;
import dev.switchboard.api.limits.RateLimitInterceptor;
import dev.switchboard.api.limits.RateLimitProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
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

/** Wires the body-size filter, the rate limits and the access interceptor onto {@code /api} routes, and JSON container errors; configuration only. */
@Configuration(proxyBeanMethods = false)
public class WebConfig implements WebMvcConfigurer {
  private final ParticipantTokens tokens;
  private final ApplicationKeyCheck application;
  private final AdminKeyCheck admin;
  private final RateLimitProperties limits;
  private final Clock clock;
  private final MeterRegistry meters;

  public WebConfig(ParticipantTokens tokens, ApplicationKeyCheck application, AdminKeyCheck admin,
      RateLimitProperties limits, Clock clock, MeterRegistry meters) {
    this.tokens = tokens;
    this.application = application;
    this.admin = admin;
    this.limits = limits;
    this.clock = clock;
    this.meters = meters;
  }

  /** In this order: the address's budget, the route's credential (see Requires), then the participant's budget. */
  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(RateLimitInterceptor.perAddress(limits, clock, meters)).addPathPatterns("/api/**");
    registry.addInterceptor(new AccessInterceptor(tokens, application, admin)).addPathPatterns("/api/**");
    registry.addInterceptor(RateLimitInterceptor.perParticipant(limits, clock, meters)).addPathPatterns("/api/**");
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
  public FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(ApiProperties properties, JsonMapper json,
      ErrorMetrics errors) {
    FilterRegistrationBean<BodySizeLimitFilter> registration =
        new FilterRegistrationBean<>(new BodySizeLimitFilter(properties.maxBodyBytes(), json, errors));
    registration.addUrlPatterns("/api/*");
    // First, before anything reads the body.
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }
}
