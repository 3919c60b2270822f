package com.verk.server.tenancy;

import com.verk.server.storage.DatabaseKind;
import com.verk.server.system.Ids;
import com.verk.server.system.VerkProperties;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * First start on an empty database: creates the first organization, its owner and an API key with
 * every scope, from the VERK_BOOTSTRAP_* variables or generated and printed once.
 */
@Component
class Bootstrap implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);
  // Any constant distinct from other advisory locks the application takes ("verkboot").
  private static final long BOOTSTRAP_LOCK = 0x7665726b626f6f74L;

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final Organizations organizations;
  private final VerkProperties properties;
  private final PasswordEncoder passwords;
  private final DatabaseKind database;

  Bootstrap(
      JdbcClient jdbc,
      TransactionTemplate tx,
      Organizations organizations,
      VerkProperties properties,
      PasswordEncoder passwords,
      DatabaseKind database) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.organizations = organizations;
    this.properties = properties;
    this.passwords = passwords;
    this.database = database;
  }

  @Override
  public void run(ApplicationArguments args) {
    String report = tx.execute(status -> bootstrapIfEmpty());
    if (report != null) {
      // Printed to the console on purpose: this is the only time generated credentials exist.
      System.out.println(report);
    }
  }

  private String bootstrapIfEmpty() {
    // Cluster nodes starting together on an empty database must not each create a first
    // organization: the first to take this lock bootstraps, the others then see it and skip.
    database.lockAcrossNodes(jdbc, BOOTSTRAP_LOCK);
    long existing = jdbc.sql("SELECT COUNT(*) FROM organizations").query(Long.class).single();
    if (existing > 0) {
      return null;
    }
    VerkProperties.Bootstrap b = properties.bootstrap();
    Plan plan =
        Plan.fromWireName(b.plan().toLowerCase(Locale.ROOT))
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "VERK_BOOTSTRAP_PLAN must be free, pro or enterprise"));
    String email =
        b.ownerEmail() == null || b.ownerEmail().isBlank()
            ? "owner@verk.local"
            : b.ownerEmail().trim().toLowerCase(Locale.ROOT);
    boolean generatedPassword = b.ownerPassword() == null || b.ownerPassword().isBlank();
    String password = generatedPassword ? Ids.random(20) : b.ownerPassword();
    boolean generatedKey = b.apiKey() == null || b.apiKey().isBlank();
    String key = generatedKey ? ApiKeys.newRawKey() : b.apiKey().trim();
    String orgId =
        organizations
            .create(
                b.orgName(),
                plan,
                new Organizations.Owner(email, "Owner", passwords.encode(password)),
                key,
                "Bootstrap key")
            .organization()
            .id();
    log.info("Bootstrapped organization {} ({}) on plan {}", b.orgName(), orgId, plan.wireName());
    StringBuilder out = new StringBuilder("\n=== Verk first start ===\n");
    out.append("Organization: ").append(b.orgName()).append(" (").append(orgId).append(")\n");
    out.append("Dashboard:    owner ").append(email);
    out.append(
        generatedPassword
            ? " / password " + password
            : " / password from VERK_BOOTSTRAP_OWNER_PASSWORD");
    out.append('\n');
    out.append(
        generatedKey
            ? "API key:      " + key + "  (shown once; all scopes)\n"
            : "API key:      from VERK_BOOTSTRAP_API_KEY\n");
    out.append("=========================\n");
    return out.toString();
  }
}
