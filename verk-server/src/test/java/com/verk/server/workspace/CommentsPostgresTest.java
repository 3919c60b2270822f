package com.verk.server.workspace;

class CommentsPostgresTest extends OnPostgres implements CommentsContract {}
