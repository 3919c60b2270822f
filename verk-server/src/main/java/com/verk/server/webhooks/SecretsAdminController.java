package com.verk.server.webhooks;

import com.verk.server.system.OpenApiDocs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operator API: re-encrypt every webhook secret under the current VERK_SECRETS_KEY. */
@RestController
@Tag(name = OpenApiDocs.OPERATOR_TAG, description = OpenApiDocs.OPERATOR_TAG_DESCRIPTION)
class SecretsAdminController {

  private final SecretReencryption reencryption;

  SecretsAdminController(SecretReencryption reencryption) {
    this.reencryption = reencryption;
  }

  @PostMapping("/admin/v1/secrets/reencrypt")
  @Operation(
      operationId = "reencryptSecrets",
      summary =
          "Re-encrypt every stored webhook secret (current and previous) under the current key"
              + " (operator token)",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER))
  SecretReencryption.Result reencrypt() {
    return reencryption.reencryptAll();
  }
}
