package com.verk.server.workspace;

class FanOutPostgresTest extends OnPostgres implements FanOutContract {}
