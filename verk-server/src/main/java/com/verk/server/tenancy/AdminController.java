package com.verk.server.tenancy;

import com.verk.server.system.ApiException;
import com.verk.server.system.OpenApiDocs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The operator API, enabled by VERK_ADMIN_TOKEN: create organizations and change plans. */
@RestController
@RequestMapping("/admin/v1/organizations")
@Tag(name = OpenApiDocs.OPERATOR_TAG, description = OpenApiDocs.OPERATOR_TAG_DESCRIPTION)
class AdminController {

  private final Organizations organizations;

  AdminController(Organizations organizations) {
    this.organizations = organizations;
  }

  record CreateOrganization(String name, String plan, String ownerEmail, String ownerName) {}

  record ChangePlan(
      @Schema(
              requiredMode = Schema.RequiredMode.REQUIRED,
              allowableValues = {"free", "pro", "enterprise"})
          String plan) {}

  @Schema(name = "Organization")
  record OrganizationView(
      @Schema(example = "org_123") String id,
      @Schema(example = "Globex") String name,
      @Schema(allowableValues = {"free", "pro", "enterprise"}) String plan) {}

  /** A new organization and an API key with every scope, shown this once. */
  @Schema(name = "CreatedOrganization")
  record CreatedOrganization(OrganizationView organization, String apiKey) {}

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      operationId = "createOrganization",
      summary = "Create an organization with its owner and an API key (operator token)",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER))
  @ApiResponse(responseCode = "201", description = "Created")
  CreatedOrganization create(@RequestBody CreateOrganization body) {
    if (body.name() == null || body.name().isBlank()) {
      throw ApiException.invalid("name", "is required");
    }
    if (body.name().length() > 200) {
      throw ApiException.invalid("name", "must be at most 200 characters");
    }
    Plan plan = body.plan() == null ? Plan.FREE : plan(body.plan());
    String email =
        body.ownerEmail() == null || body.ownerEmail().isBlank()
            ? null
            : body.ownerEmail().trim().toLowerCase(Locale.ROOT);
    Organizations.Created created =
        organizations.create(
            body.name().trim(),
            plan,
            email == null ? "owner@" + "verk.local" : email,
            body.ownerName() == null || body.ownerName().isBlank() ? "Owner" : body.ownerName());
    return new CreatedOrganization(view(created.organization()), created.apiKey());
  }

  @PatchMapping("/{id}")
  @Operation(
      operationId = "changeOrganizationPlan",
      summary = "Change an organization's plan, effective immediately (operator token)",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER))
  OrganizationView changePlan(@PathVariable String id, @RequestBody ChangePlan body) {
    if (body.plan() == null) {
      throw ApiException.invalid("plan", "is required");
    }
    return view(organizations.changePlan(id, plan(body.plan())));
  }

  private static Plan plan(String value) {
    return Plan.fromWireName(value)
        .orElseThrow(() -> ApiException.invalid("plan", "must be one of free, pro, enterprise"));
  }

  private static OrganizationView view(Organization org) {
    return new OrganizationView(org.id(), org.name(), org.plan().wireName());
  }
}
