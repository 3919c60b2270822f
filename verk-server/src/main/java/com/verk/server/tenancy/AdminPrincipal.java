package com.verk.server.tenancy;

/** The operator, authenticated with {@code VERK_ADMIN_TOKEN} on {@code /admin/v1}. */
public enum AdminPrincipal {
  INSTANCE
}
