package com.verk.server.testing;

/**
 * What a contract test (an interface of default test methods) needs from the server under test;
 * implemented by {@link ServerTest}, so the same contract runs on SQLite and PostgreSQL.
 */
public interface ServerAccess {

  String baseUrl();

  MutableClock clock();

  ServerTest.Tenant newTenant(String plan);

  /** A client without credentials. */
  default Api anonymous() {
    return new Api(baseUrl(), null);
  }

  /** The operator API client. */
  default Api admin() {
    return new Api(baseUrl(), ServerTest.ADMIN_TOKEN);
  }
}
