package com.verk.server.tenancy;

import com.verk.server.system.VerkProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/** The API surface: stateless bearer authentication, no sessions, no CSRF (no cookies). */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfig {

  @Bean
  @Order(1)
  SecurityFilterChain apiChain(
      HttpSecurity http, ApiKeyAuthenticator keys, VerkProperties properties) throws Exception {
    http.securityMatcher("/v1/**", "/admin/**")
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .securityContext(context -> context.requireExplicitSave(true))
        .addFilterBefore(
            new BearerAuthenticationFilter(keys, properties.adminToken()),
            AnonymousAuthenticationFilter.class)
        .authorizeHttpRequests(auth -> auth.anyRequest().authenticated());
    return http.build();
  }
}
