package dev.switchboard.wrapper.webhooks;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * True when {@code switchboard.wrapper.webhooks.url} is set and not blank: only then are the
 * webhook queues declared and consumed. Stateless. ({@code @ConditionalOnProperty} cannot say "not
 * empty": it matches an empty value.)
 */
class WebhooksEnabled implements Condition {
  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    String url = context.getEnvironment().getProperty(WebhookProperties.URL_KEY, "");
    return !url.isBlank();
  }
}
