package com.verk.server.dashboard;

import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.Map;
import org.springframework.boot.web.server.servlet.CookieSameSiteSupplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * The dashboard: form sign-in with a member's e-mail and password, a session cookie, CSRF
 * protection on every form and fetch. Owners and admins may change things; every POST below {@code
 * /settings} is refused for plain members, whatever buttons a page shows.
 */
@Configuration(proxyBeanMethods = false)
class DashboardSecurityConfig {

  static final String HOME = "/settings/integrations/webhooks";

  @Bean
  @Order(50)
  SecurityFilterChain dashboardChain(
      HttpSecurity http, MemberAccounts members, MemberAuthenticationProvider provider)
      throws Exception {
    SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    http.securityMatcher("/", "/login", "/logout", "/settings/**", "/assets/**", "/favicon.ico")
        // Only this provider, without Boot's global manager as a parent: a parent holding the same
        // provider bean would try every wrong password a second time and count it twice.
        .authenticationManager(new ProviderManager(provider))
        .securityContext(c -> c.securityContextRepository(contexts))
        .addFilterBefore(new CurrentMemberFilter(members, contexts), AuthorizationFilter.class)
        .authorizeHttpRequests(
            auth ->
                auth.dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR)
                    .permitAll()
                    .requestMatchers("/login", "/assets/**", "/favicon.ico")
                    .permitAll()
                    .requestMatchers(HttpMethod.POST, "/logout")
                    .authenticated()
                    .requestMatchers(HttpMethod.GET, "/", "/settings/**")
                    .authenticated()
                    .requestMatchers(HttpMethod.POST, "/settings/**")
                    .hasAnyRole("OWNER", "ADMIN")
                    .anyRequest()
                    .denyAll())
        .formLogin(
            form ->
                form.loginPage("/login")
                    .usernameParameter("email")
                    .passwordParameter("password")
                    .defaultSuccessUrl(HOME, false)
                    .failureHandler(failures())
                    .permitAll())
        .logout(
            logout ->
                logout
                    .logoutUrl("/logout")
                    .logoutSuccessUrl("/login?signedout")
                    .deleteCookies("JSESSIONID")
                    .invalidateHttpSession(true))
        .exceptionHandling(e -> e.accessDeniedPage(ForbiddenController.PATH))
        .headers(
            headers ->
                headers
                    .contentSecurityPolicy(
                        csp ->
                            csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; style-src 'self';"
                                    + " script-src 'self'; form-action 'self';"
                                    + " frame-ancestors 'none'; base-uri 'none'"))
                    .frameOptions(frame -> frame.deny()));
    return http.build();
  }

  /**
   * MemberAccounts are the only users; as a bean it also replaces Boot's generated default user,
   * which would otherwise print a password no one can use.
   */
  @Bean
  MemberAuthenticationProvider memberAuthenticationProvider(
      MemberAccounts members, PasswordEncoder passwords, Clock clock) {
    return new MemberAuthenticationProvider(members, passwords, new SignInThrottle(clock));
  }

  /** A locked address gets its own message; any other failure the same neutral one. */
  private static AuthenticationFailureHandler failures() {
    ExceptionMappingAuthenticationFailureHandler handler =
        new ExceptionMappingAuthenticationFailureHandler();
    handler.setDefaultFailureUrl("/login?error");
    handler.setExceptionMappings(Map.of(LockedException.class.getName(), "/login?locked"));
    return handler;
  }

  /** The session cookie is sent on top-level navigation only, never on cross-site POSTs. */
  @Bean
  CookieSameSiteSupplier sessionCookieSameSite() {
    return CookieSameSiteSupplier.ofLax().whenHasName("JSESSIONID");
  }
}
