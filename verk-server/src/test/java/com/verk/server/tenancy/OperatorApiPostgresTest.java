package com.verk.server.tenancy;

import com.verk.server.testing.PostgresServerTest;

class OperatorApiPostgresTest extends PostgresServerTest implements OperatorApiContract {}
