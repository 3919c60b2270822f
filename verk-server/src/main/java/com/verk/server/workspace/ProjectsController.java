package com.verk.server.workspace;

import com.verk.server.system.Pages;
import com.verk.server.tenancy.ApiPrincipal;
import com.verk.server.tenancy.Scope;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** /v1/projects. */
@RestController
@RequestMapping("/v1/projects")
class ProjectsController {

  private final Projects projects;

  ProjectsController(Projects projects) {
    this.projects = projects;
  }

  record CreateProject(String name, String description) {}

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> create(
      @AuthenticationPrincipal ApiPrincipal principal, @RequestBody CreateProject body) {
    principal.require(Scope.WORKSPACE_WRITE);
    return projects
        .create(principal.organizationId(), principal.memberId(), body.name(), body.description())
        .data();
  }

  @GetMapping
  Map<String, Object> list(
      @AuthenticationPrincipal ApiPrincipal principal,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    principal.require(Scope.WORKSPACE_READ);
    int n = Pages.limit(limit);
    return Pages.page(
        projects.list(principal.organizationId(), Pages.Cursor.decode(cursor), n),
        n,
        Project::cursor,
        Project::data);
  }

  @GetMapping("/{id}")
  Map<String, Object> get(
      @AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id) {
    principal.require(Scope.WORKSPACE_READ);
    return projects.get(principal.organizationId(), id).data();
  }

  @PatchMapping("/{id}")
  Map<String, Object> update(
      @AuthenticationPrincipal ApiPrincipal principal,
      @PathVariable String id,
      @RequestBody JsonNode body) {
    principal.require(Scope.WORKSPACE_WRITE);
    Inputs.Patch patch = Inputs.Patch.of(body, Set.of("name", "description"));
    return projects.update(principal.organizationId(), id, patch).data();
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id) {
    principal.require(Scope.WORKSPACE_WRITE);
    projects.delete(principal.organizationId(), id);
  }
}
