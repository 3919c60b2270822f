package com.verk.server.delivery;

import java.util.Map;

/**
 * One finished attempt waiting to be recorded: which delivery, its number, when it started, what
 * came of it, the headers sent (signatures, never secrets) and the lease owner that sent it.
 */
record Attempt(
    Job job,
    int number,
    long attemptedAt,
    Outcome outcome,
    Map<String, String> requestHeaders,
    String leaseOwner) {}
