package com.verk.server.workspace;

class MembersSqliteTest extends OnSqlite implements MembersContract {}
