package com.verk.server.delivery;

import io.swagger.v3.oas.annotations.media.Schema;

/** What came of Send Test: the test delivery's id and its one attempt. */
public record TestResult(
    @Schema(example = "delivery_456") String deliveryId,
    boolean success,
    @Schema(
            types = {"integer", "null"},
            format = "int32",
            example = "200")
        Integer responseStatus,
    @Schema(
            types = {"integer", "null"},
            format = "int64",
            example = "142")
        Long responseTimeMs,
    @Schema(types = {"string", "null"}) String error) {}
