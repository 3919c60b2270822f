package com.verk.server.webhooks;

import com.verk.server.testing.SqliteServerTest;

class WebhookApiSqliteTest extends SqliteServerTest implements WebhookApiContract {}
