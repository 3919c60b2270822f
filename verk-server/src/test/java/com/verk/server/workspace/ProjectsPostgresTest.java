package com.verk.server.workspace;

class ProjectsPostgresTest extends OnPostgres implements ProjectsContract {}
