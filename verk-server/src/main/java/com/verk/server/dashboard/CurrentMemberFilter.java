package com.verk.server.dashboard;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Re-reads the signed-in member on every request, so that a removed member is signed out and a
 * changed role takes effect at once instead of at the next sign-in.
 */
final class CurrentMemberFilter extends OncePerRequestFilter {

  private final MemberAccounts members;
  private final SecurityContextRepository contexts;

  CurrentMemberFilter(MemberAccounts members, SecurityContextRepository contexts) {
    this.members = members;
    this.contexts = contexts;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return request.getRequestURI().startsWith("/assets/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    SecurityContext context = SecurityContextHolder.getContext();
    Authentication auth = context.getAuthentication();
    if (auth != null && auth.getPrincipal() instanceof DashboardUser user) {
      Optional<DashboardUser> now = members.current(user.orgId(), user.memberId());
      if (now.isEmpty()) {
        SecurityContextHolder.clearContext();
        HttpSession session = request.getSession(false);
        if (session != null) {
          session.invalidate();
        }
      } else if (!now.get().equals(user)) {
        SecurityContext fresh = SecurityContextHolder.createEmptyContext();
        fresh.setAuthentication(MemberAuthenticationProvider.authenticated(now.get()));
        SecurityContextHolder.setContext(fresh);
        contexts.saveContext(fresh, request, response);
      }
    }
    chain.doFilter(request, response);
  }
}
