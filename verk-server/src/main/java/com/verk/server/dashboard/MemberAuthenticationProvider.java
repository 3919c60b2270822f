package com.verk.server.dashboard;

import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Signs a member in with e-mail and password. An address may belong to members of several
 * organizations; the oldest membership whose password matches wins.
 */
final class MemberAuthenticationProvider implements AuthenticationProvider {

  // A hash of a random string, compared when the address is unknown so that a wrong address
  // costs as much time as a wrong password and does not reveal who has an account.
  private final String decoyHash;
  private final MemberAccounts members;
  private final PasswordEncoder passwords;
  private final SignInThrottle throttle;

  MemberAuthenticationProvider(
      MemberAccounts members, PasswordEncoder passwords, SignInThrottle throttle) {
    this.members = members;
    this.passwords = passwords;
    this.throttle = throttle;
    this.decoyHash = passwords.encode("decoy-" + System.nanoTime());
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String email = MemberAccounts.normalise(String.valueOf(authentication.getPrincipal()));
    String client =
        authentication.getDetails() instanceof WebAuthenticationDetails web
            ? web.getRemoteAddress()
            : null;
    if (throttle.locked(email, client)) {
      throw new LockedException("Too many wrong passwords for this address; try again later");
    }
    Object credentials = authentication.getCredentials();
    String password = credentials == null ? "" : credentials.toString();
    List<MemberAccounts.Credentials> candidates = members.withPassword(email);
    if (candidates.isEmpty()) {
      passwords.matches(password, decoyHash);
    }
    for (MemberAccounts.Credentials candidate : candidates) {
      if (passwords.matches(password, candidate.passwordHash())) {
        throttle.succeeded(email);
        return authenticated(candidate.user());
      }
    }
    throttle.failed(email, client);
    throw new BadCredentialsException("Wrong e-mail address or password");
  }

  static UsernamePasswordAuthenticationToken authenticated(DashboardUser user) {
    return UsernamePasswordAuthenticationToken.authenticated(
        user, null, List.of(new SimpleGrantedAuthority(user.authority())));
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
