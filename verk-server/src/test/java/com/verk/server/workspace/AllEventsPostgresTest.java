package com.verk.server.workspace;

class AllEventsPostgresTest extends OnPostgres implements AllEventsContract {}
