package com.verk.server.tenancy;

import com.verk.server.system.ApiException;
import com.verk.server.system.DatabaseUnavailable;
import com.verk.server.system.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code /v1} calls by API key and {@code /admin} calls by the operator token. A
 * missing or unknown credential is answered here with a 401 problem, before any controller runs.
 */
final class BearerAuthenticationFilter extends OncePerRequestFilter {

  private final ApiKeyAuthenticator keys;
  private final byte[] adminToken;

  BearerAuthenticationFilter(ApiKeyAuthenticator keys, String adminToken) {
    this.keys = keys;
    this.adminToken =
        adminToken == null || adminToken.isBlank()
            ? null
            : adminToken.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    Optional<String> bearer = bearer(request);
    if (path.startsWith("/admin/")) {
      if (adminToken == null) {
        Problems.write(
            response,
            new ApiException(
                HttpStatus.NOT_FOUND,
                "not_found",
                "Not found",
                "The operator API is disabled; set VERK_ADMIN_TOKEN to enable it"));
        return;
      }
      if (bearer.isEmpty()
          || !MessageDigest.isEqual(adminToken, bearer.get().getBytes(StandardCharsets.UTF_8))) {
        unauthorized(response, "A valid operator token is required");
        return;
      }
      authenticate(AdminPrincipal.INSTANCE, "ROLE_ADMIN");
      chain.doFilter(request, response);
      return;
    }
    Optional<ApiPrincipal> principal;
    try {
      principal = bearer.flatMap(keys::authenticate);
    } catch (RuntimeException e) {
      if (!DatabaseUnavailable.is(e)) {
        throw e;
      }
      response.setHeader("Retry-After", String.valueOf(DatabaseUnavailable.RETRY_AFTER_SECONDS));
      Problems.write(response, DatabaseUnavailable.problem());
      return;
    }
    if (principal.isEmpty()) {
      unauthorized(
          response,
          bearer.isEmpty()
              ? "Send an API key as 'Authorization: Bearer <key>'"
              : "The API key is unknown or revoked");
      return;
    }
    authenticate(principal.get(), "ROLE_API");
    chain.doFilter(request, response);
  }

  private static void authenticate(Object principal, String role) {
    var auth =
        new UsernamePasswordAuthenticationToken(
            principal, null, List.of(new SimpleGrantedAuthority(role)));
    var context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(auth);
    SecurityContextHolder.setContext(context);
  }

  private static Optional<String> bearer(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    String token = header.substring(7).trim();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }

  private static void unauthorized(HttpServletResponse response, String detail) throws IOException {
    response.setHeader("WWW-Authenticate", "Bearer");
    Problems.write(
        response,
        new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail));
  }
}
