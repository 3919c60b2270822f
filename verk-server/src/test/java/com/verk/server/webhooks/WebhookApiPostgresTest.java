package com.verk.server.webhooks;

import com.verk.server.testing.PostgresServerTest;

class WebhookApiPostgresTest extends PostgresServerTest implements WebhookApiContract {}
