package com.verk.sdk;

/**
 * The outcome of {@link VerkClient#testWebhook}: one test delivery sent synchronously.
 *
 * @param deliveryId the test delivery's id
 * @param success whether the endpoint answered 2xx in time
 * @param responseStatus the HTTP status, or {@code null}
 * @param responseTimeMs the duration in milliseconds, or {@code null}
 * @param error what went wrong, or {@code null}
 */
public record TestResult(
    String deliveryId,
    boolean success,
    Integer responseStatus,
    Long responseTimeMs,
    String error) {}
