package com.verk.server.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Everything that is neither the API ({@code /v1}, {@code /admin}) nor the dashboard: health,
 * metrics, the OpenAPI document and the error page are public; anything else is refused. Health
 * shows its details only to the operator token ({@link OperatorHealthFilter}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

  /**
   * No Micrometer observation per security filter: wrapping each of the chain's filters in its own
   * observation cost more CPU per API call than the SQL of creating a task. Requests are still
   * timed as a whole ({@code http.server.requests}, recorded by {@link RequestTimer}, which runs
   * before the security chain).
   */
  @Bean
  SecurityObservationSettings securityObservationSettings() {
    return SecurityObservationSettings.noObservations();
  }

  @Bean
  @Order(100)
  SecurityFilterChain publicChain(HttpSecurity http, VerkProperties properties) throws Exception {
    http.csrf(csrf -> csrf.disable())
        .addFilterBefore(
            new OperatorHealthFilter(properties.adminToken()), AnonymousAuthenticationFilter.class)
        .authorizeHttpRequests(
            auth ->
                auth.requestMatchers(
                        "/error",
                        "/actuator/health/**",
                        "/actuator/prometheus",
                        "/v3/api-docs/**",
                        "/swagger-ui/**",
                        "/swagger-ui.html")
                    .permitAll()
                    .anyRequest()
                    .denyAll());
    return http.build();
  }
}
