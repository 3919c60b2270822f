package com.verk.server.webhooks;

import com.verk.server.testing.PostgresServerTest;

class WebhookValidationPostgresTest extends PostgresServerTest
    implements WebhookValidationContract {}
