package com.verk.server.workspace;

class CommentsSqliteTest extends OnSqlite implements CommentsContract {}
