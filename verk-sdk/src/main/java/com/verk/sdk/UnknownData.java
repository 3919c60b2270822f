package com.verk.sdk;

import java.util.Map;

/**
 * The data of an event type this SDK version does not know. Receivers should usually ignore such
 * events (and answer {@code 200}); the fields are still available.
 *
 * @param fields the {@code data} object as parsed JSON: maps, lists, strings, {@code Long}, {@code
 *     BigDecimal}, {@code Boolean} and {@code null}; unmodifiable
 */
public record UnknownData(Map<String, Object> fields) implements EventData {}
