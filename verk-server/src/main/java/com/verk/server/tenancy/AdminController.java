package com.verk.server.tenancy;

import com.verk.server.system.ApiException;
import java.util.Locale;
import java.util.Map;
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
class AdminController {

  private final Organizations organizations;

  AdminController(Organizations organizations) {
    this.organizations = organizations;
  }

  record CreateOrganization(String name, String plan, String ownerEmail, String ownerName) {}

  record ChangePlan(String plan) {}

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> create(@RequestBody CreateOrganization body) {
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
    return Map.of("organization", view(created.organization()), "apiKey", created.apiKey());
  }

  @PatchMapping("/{id}")
  Map<String, Object> changePlan(@PathVariable String id, @RequestBody ChangePlan body) {
    if (body.plan() == null) {
      throw ApiException.invalid("plan", "is required");
    }
    return view(organizations.changePlan(id, plan(body.plan())));
  }

  private static Plan plan(String value) {
    return Plan.fromWireName(value)
        .orElseThrow(() -> ApiException.invalid("plan", "must be one of free, pro, enterprise"));
  }

  private static Map<String, Object> view(Organization org) {
    return Map.of("id", org.id(), "name", org.name(), "plan", org.plan().wireName());
  }
}
