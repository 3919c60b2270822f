package com.verk.server.tenancy;

import com.verk.server.testing.SqliteServerTest;

class OperatorApiSqliteTest extends SqliteServerTest implements OperatorApiContract {}
