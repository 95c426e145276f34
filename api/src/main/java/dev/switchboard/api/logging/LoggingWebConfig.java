package dev.switchboard.api.logging;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Registers {@link RequestLogContext} first on every route, so the other interceptors' lines carry the ids too; configuration only. */
@Configuration(proxyBeanMethods = false)
public class LoggingWebConfig implements WebMvcConfigurer {
  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new RequestLogContext()).order(Ordered.HIGHEST_PRECEDENCE);
  }
}
