package com.verk.server.webhooks;

import com.verk.server.system.OpenApiDocs;
import com.verk.server.system.VerkProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The addresses deliveries leave from, as the operator declared them, for any valid API key. */
@RestController
class EgressIpsController {

  /** What a receiver's firewall should allow; empty when the operator has not said. */
  @Schema(name = "EgressIps")
  record EgressIps(
      @ArraySchema(
              arraySchema =
                  @Schema(
                      description =
                          "IP addresses and CIDR blocks deliveries come from"
                              + " (VERK_WEBHOOKS_EGRESS_IPS); empty when not configured"),
              schema = @Schema(example = "203.0.113.7"))
          List<String> addresses) {}

  private final EgressIps egress;

  EgressIpsController(VerkProperties properties) {
    this.egress = new EgressIps(properties.webhooks().egressIps());
  }

  @GetMapping("/v1/egress-ips")
  @Operation(
      operationId = "getEgressIps",
      tags = "Webhooks",
      summary = "The addresses deliveries come from, to allow in a firewall",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER))
  EgressIps get() {
    return egress;
  }
}
