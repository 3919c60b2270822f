package com.verk.server.tenancy;

import com.verk.server.testing.SqliteServerTest;

class ApiKeyApiSqliteTest extends SqliteServerTest implements ApiKeyApiContract {}
