package com.verk.server.system;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The shape of every error response, RFC 9457 {@code application/problem+json} with Verk's stable
 * {@code code}; some codes add properties ({@code scope}, {@code plan}, {@code limit}). Documents
 * what {@link Problems} writes.
 */
@Schema(
    name = "Problem",
    description = "RFC 9457 problem details with a stable machine code",
    additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
public record Problem(
    @Schema(
            requiredMode = Schema.RequiredMode.REQUIRED,
            example = "https://docs.verk.com/errors/validation_failed")
        String type,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "Validation failed")
        String title,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "400") int status,
    @Schema(example = "2 fields are invalid") String detail,
    @Schema(example = "/v1/webhooks") String instance,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "validation_failed") String code,
    @Schema(description = "For validation_failed: each wrong field") List<FieldError> errors) {

  /** One wrong field: its name ({@code events[1]} for an array element) and what is wrong. */
  @Schema(name = "FieldError")
  public record FieldError(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "url") String field,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "must use https")
          String message) {}
}
