package com.verk.server.tenancy;

import com.verk.server.storage.DatabaseKind;
import com.verk.server.system.ApiException;
import com.verk.server.system.Ids;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Organizations, their plans, and the serialisation point for per-organization limits. */
@Service
public class Organizations {

  private final JdbcClient jdbc;
  private final Clock clock;
  private final DatabaseKind database;

  Organizations(JdbcClient jdbc, Clock clock, DatabaseKind database) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.database = database;
  }

  /** A new organization with its owner and the raw API key (every scope), shown once. */
  public record Created(Organization organization, String memberId, String apiKey) {}

  /**
   * The first member of a new organization; {@code passwordHash} null means no dashboard sign-in.
   */
  record Owner(String email, String name, String passwordHash) {}

  @Transactional
  public Created create(String name, Plan plan, String ownerEmail, String ownerName) {
    return create(
        name, plan, new Owner(ownerEmail, ownerName, null), ApiKeys.newRawKey(), "Owner key");
  }

  /** Also used by the first start, which may bring its own key and owner password. */
  @Transactional
  Created create(String name, Plan plan, Owner owner, String rawKey, String keyName) {
    long now = clock.millis();
    String orgId = Ids.next("org");
    jdbc.sql(
            "INSERT INTO organizations (id, name, plan, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")
        .params(orgId, name, plan.wireName(), now, now)
        .update();
    String memberId = Ids.next("user");
    jdbc.sql(
            "INSERT INTO members (id, org_id, email, name, role, password_hash, created_at,"
                + " updated_at) VALUES (?, ?, ?, ?, 'owner', ?, ?, ?)")
        .params(memberId, orgId, owner.email(), owner.name(), owner.passwordHash(), now, now)
        .update();
    jdbc.sql(
            "INSERT INTO api_keys (id, org_id, member_id, name, scopes, key_hash, key_prefix,"
                + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            Ids.next("key"),
            orgId,
            memberId,
            keyName,
            Arrays.stream(Scope.values()).map(Scope::wireName).collect(Collectors.joining(" ")),
            ApiKeyHasher.hash(rawKey),
            ApiKeys.prefix(rawKey),
            now)
        .update();
    return new Created(new Organization(orgId, name, plan), memberId, rawKey);
  }

  @Transactional
  public Organization changePlan(String orgId, Plan plan) {
    int updated =
        jdbc.sql("UPDATE organizations SET plan = ?, updated_at = ? WHERE id = ?")
            .params(plan.wireName(), clock.millis(), orgId)
            .update();
    if (updated == 0) {
      throw ApiException.notFound("Organization", orgId);
    }
    return get(orgId);
  }

  public Optional<Organization> find(String orgId) {
    return jdbc.sql("SELECT id, name, plan FROM organizations WHERE id = ?")
        .param(orgId)
        .query(
            (rs, n) ->
                new Organization(
                    rs.getString("id"),
                    rs.getString("name"),
                    Plan.fromWireName(rs.getString("plan")).orElse(Plan.FREE)))
        .optional();
  }

  public Organization get(String orgId) {
    return find(orgId).orElseThrow(() -> ApiException.notFound("Organization", orgId));
  }

  /**
   * Serialises writers of one organization until the current transaction ends, so that checks such
   * as plan limits cannot be passed by two concurrent requests. On SQLite every write transaction
   * already holds the database's single write lock (BEGIN IMMEDIATE).
   */
  public Organization lockForUpdate(String orgId) {
    database.lockRows(jdbc, "SELECT id FROM organizations WHERE id = :id", Map.of("id", orgId));
    return get(orgId);
  }
}
