package com.verk.server.alerts;

/** One of the last failed attempts an alert shows: when, the HTTP status if any, the error. */
public record FailedAttempt(long attemptedAt, Integer responseStatus, String error) {}
