package dev.switchboard.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.PropertySource;

/**
 * Entry point of an api instance; holds no state. It scans only {@code dev.switchboard.api} so
 * that another module can start api and wrapper instances side by side in one JVM without mixing
 * their beans, and binds {@code api-defaults.properties} (the settings its behaviour depends on)
 * to this class because such a JVM sees only one {@code application.yaml} on its classpath.
 */
@SpringBootApplication(scanBasePackages = "dev.switchboard.api")
@ConfigurationPropertiesScan("dev.switchboard.api")
@PropertySource("classpath:dev/switchboard/api/api-defaults.properties")
public class ApiApplication {
  public static void main(String[] args) {
    SpringApplication.run(ApiApplication.class, args);
  }
}
