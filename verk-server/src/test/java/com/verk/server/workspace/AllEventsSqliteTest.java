package com.verk.server.workspace;

class AllEventsSqliteTest extends OnSqlite implements AllEventsContract {}
