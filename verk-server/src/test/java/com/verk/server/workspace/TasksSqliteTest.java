package com.verk.server.workspace;

class TasksSqliteTest extends OnSqlite implements TasksContract {}
