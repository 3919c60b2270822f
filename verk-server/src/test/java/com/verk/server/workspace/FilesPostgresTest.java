package com.verk.server.workspace;

class FilesPostgresTest extends OnPostgres implements FilesContract {}
