package com.verk.server.workspace;

class ProjectsSqliteTest extends OnSqlite implements ProjectsContract {}
