package dev.switchboard.api.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares who may call an {@code /api} handler method; AccessInterceptor enforces it before the
 * body is read and refuses any {@code /api} handler without it (fail closed).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Requires {
  Access value();
}
