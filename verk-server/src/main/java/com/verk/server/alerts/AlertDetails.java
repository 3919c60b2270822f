package com.verk.server.alerts;

import java.util.List;

/** What an alert row keeps besides its columns: the event data and the last failed attempts. */
record AlertDetails(WebhookAlertData data, List<FailedAttempt> lastErrors) {}
