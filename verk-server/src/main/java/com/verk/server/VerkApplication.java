package com.verk.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.webmvc.autoconfigure.WebMvcObservationAutoConfiguration;

/**
 * Verk Webhooks: management API, dashboard and delivery engine in one process.
 *
 * <p>Spring Boot's {@code ServerHttpObservationFilter} is left out: {@code
 * management.observations.enable.http.server.requests=false} would only turn its observation into a
 * no-op while the filter still ran on every request. {@code http.server.requests} is recorded by
 * {@code com.verk.server.system.RequestTimer} instead.
 */
@SpringBootApplication(exclude = WebMvcObservationAutoConfiguration.class)
@ConfigurationPropertiesScan
public class VerkApplication {

  public static void main(String[] args) {
    SpringApplication.run(VerkApplication.class, args);
  }
}
