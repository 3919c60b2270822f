package com.verk.server.workspace;

class DeliveredEventsSqliteTest extends OnSqlite implements DeliveredEventsContract {}
