package com.verk.server.workspace;

class FanOutSqliteTest extends OnSqlite implements FanOutContract {}
