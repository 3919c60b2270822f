package com.verk.server.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * On the public endpoints, a request carrying the operator token ({@code VERK_ADMIN_TOKEN}) as a
 * bearer token is the operator: health then shows its details (node, disk, database), which
 * everyone else does not see. Any other credential changes nothing.
 */
final class OperatorHealthFilter extends OncePerRequestFilter {

  static final String ROLE = "OPERATOR";

  private final byte[] token;

  OperatorHealthFilter(String adminToken) {
    this.token =
        adminToken == null || adminToken.isBlank()
            ? null
            : adminToken.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (token != null && header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
      if (MessageDigest.isEqual(token, given)) {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(
            UsernamePasswordAuthenticationToken.authenticated(
                "operator", null, List.of(new SimpleGrantedAuthority("ROLE_" + ROLE))));
        SecurityContextHolder.setContext(context);
      }
    }
    chain.doFilter(request, response);
  }
}
