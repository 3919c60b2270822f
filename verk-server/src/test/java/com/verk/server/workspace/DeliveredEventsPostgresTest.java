package com.verk.server.workspace;

class DeliveredEventsPostgresTest extends OnPostgres implements DeliveredEventsContract {}
