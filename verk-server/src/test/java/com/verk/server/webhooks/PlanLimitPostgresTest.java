package com.verk.server.webhooks;

import com.verk.server.testing.PostgresServerTest;

class PlanLimitPostgresTest extends PostgresServerTest implements PlanLimitContract {}
