package com.verk.server.webhooks;

import com.verk.server.testing.SqliteServerTest;

class WebhookValidationSqliteTest extends SqliteServerTest implements WebhookValidationContract {}
