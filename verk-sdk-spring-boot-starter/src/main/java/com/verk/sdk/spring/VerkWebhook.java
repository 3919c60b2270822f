package com.verk.sdk.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller method parameter of type {@link com.verk.sdk.WebhookEvent} that receives the
 * verified, parsed Verk event of the request.
 *
 * <pre>{@code
 * @PostMapping("/webhooks/verk")
 * void receive(@VerkWebhook WebhookEvent event) { ... }
 * }</pre>
 *
 * <p>The request's path must be one of {@code verk.webhook.paths}: the starter verifies those
 * requests before any controller runs (a bad signature is answered {@code 401} there). Used on a
 * path that is not verified, the argument fails with an {@link IllegalStateException} rather than
 * hand out an unverified event.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface VerkWebhook {}
