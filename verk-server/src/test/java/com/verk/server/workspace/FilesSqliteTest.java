package com.verk.server.workspace;

class FilesSqliteTest extends OnSqlite implements FilesContract {}
