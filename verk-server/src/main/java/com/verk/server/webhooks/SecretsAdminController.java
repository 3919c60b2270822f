package com.verk.server.webhooks;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operator API: re-encrypt every webhook secret under the current VERK_SECRETS_KEY. */
@RestController
@Tag(name = "Operator", description = "Operator API, enabled by VERK_ADMIN_TOKEN")
class SecretsAdminController {

  private final SecretReencryption reencryption;

  SecretsAdminController(SecretReencryption reencryption) {
    this.reencryption = reencryption;
  }

  @PostMapping("/admin/v1/secrets/reencrypt")
  @Operation(
      summary =
          "Re-encrypt every stored webhook secret (current and previous) under the current key")
  SecretReencryption.Result reencrypt() {
    return reencryption.reencryptAll();
  }
}
