package com.verk.server.storage;

/** The two databases Verk runs on; features pick their SQL variant from this. */
public enum DatabaseKind {
  /** Embedded file, one node, zero setup. */
  SQLITE("sqlite"),
  /** Shared server, any number of nodes. */
  POSTGRES("postgresql");

  private final String migrationFolder;

  DatabaseKind(String migrationFolder) {
    this.migrationFolder = migrationFolder;
  }

  /** Classpath location of this database's Flyway migrations. */
  public String migrationLocation() {
    return "classpath:db/migration/" + migrationFolder;
  }
}
