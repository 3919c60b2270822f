package com.verk.server.tenancy;

import com.verk.server.testing.PostgresServerTest;

class ApiKeyApiPostgresTest extends PostgresServerTest implements ApiKeyApiContract {}
