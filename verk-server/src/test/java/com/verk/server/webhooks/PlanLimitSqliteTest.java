package com.verk.server.webhooks;

import com.verk.server.testing.SqliteServerTest;

class PlanLimitSqliteTest extends SqliteServerTest implements PlanLimitContract {}
