package dev.switchboard.wrapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.PropertySource;

/**
 * Entry point of one wrapper instance; holds no state, so several instances can run in one JVM.
 *
 * <p>{@code wrapper-defaults.properties} carries the few settings the wrapper's behaviour depends
 * on (publisher confirms, virtual threads). It is bound to this class rather than left to
 * {@code application.yaml} because a JVM that also holds the api sees only one
 * {@code application.yaml} on its classpath; a {@code @PropertySource} has the lowest precedence,
 * so anything else still overrides it.
 */
@SpringBootApplication(scanBasePackageClasses = WrapperApplication.class)
@PropertySource("classpath:dev/switchboard/wrapper/wrapper-defaults.properties")
public class WrapperApplication {
  public static void main(String[] args) {
    // Before any name lookup: media-server discovery must see DNS changes within its interval.
    dev.switchboard.wrapper.discovery.DnsCacheTtl.applyDefault();
    SpringApplication.run(WrapperApplication.class, args);
  }
}
