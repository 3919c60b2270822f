package com.verk.server.workspace;

class MembersPostgresTest extends OnPostgres implements MembersContract {}
