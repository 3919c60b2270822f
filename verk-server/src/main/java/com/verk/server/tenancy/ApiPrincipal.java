package com.verk.server.tenancy;

import com.verk.server.system.ApiException;
import java.util.Set;

/**
 * Who is calling: the organization an API key belongs to, the key, the member that owns the key
 * (the acting user of workspace events) and the key's scopes. Every query a request makes is scoped
 * to {@link #organizationId()}.
 */
public record ApiPrincipal(
    String organizationId, String keyId, String memberId, Set<Scope> scopes) {

  public ApiPrincipal {
    scopes = Set.copyOf(scopes);
  }

  /** Whether the key holds {@code scope}, directly or through a write scope. */
  public boolean has(Scope scope) {
    return scopes.stream().anyMatch(s -> s.grants(scope));
  }

  /** Refuses the request with 403 insufficient_scope unless the key holds {@code scope}. */
  public void require(Scope scope) {
    if (!has(scope)) {
      throw ApiException.insufficientScope(scope.wireName());
    }
  }
}
