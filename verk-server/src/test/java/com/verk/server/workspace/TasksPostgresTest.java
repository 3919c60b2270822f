package com.verk.server.workspace;

class TasksPostgresTest extends OnPostgres implements TasksContract {}
