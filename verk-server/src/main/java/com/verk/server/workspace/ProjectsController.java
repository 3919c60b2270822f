package com.verk.server.workspace;

import com.verk.server.system.OpenApiDocs;
import com.verk.server.system.Page;
import com.verk.server.system.Pages;
import com.verk.server.system.ProblemResponses;
import com.verk.server.tenancy.ApiPrincipal;
import com.verk.server.tenancy.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(
    name = "Projects",
    description = "Projects of the workspace (scopes workspace:read, workspace:write)")
@RequestMapping("/v1/projects")
class ProjectsController {

  private final Projects projects;

  ProjectsController(Projects projects) {
    this.projects = projects;
  }

  record CreateProject(String name, String description) {}

  /** What PATCH accepts (the body is read as JSON to tell absent from null). */
  @Schema(
      name = "ProjectChanges",
      description = "Absent fields stay as they are; null clears an optional field")
  record ProjectChanges(String name, @Schema(types = {"string", "null"}) String description) {}

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      operationId = "createProject",
      summary = "Create a project",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER, scopes = "workspace:write"))
  @ApiResponse(responseCode = "201", description = "Created")
  ProjectView create(
      @AuthenticationPrincipal ApiPrincipal principal, @RequestBody CreateProject body) {
    principal.require(Scope.WORKSPACE_WRITE);
    return ProjectView.of(
        projects.create(
            principal.organizationId(), principal.memberId(), body.name(), body.description()));
  }

  @GetMapping
  @Operation(
      operationId = "listProjects",
      summary = "List projects, oldest first",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER, scopes = "workspace:read"))
  @ProblemResponses("validation_failed")
  Page<ProjectView> list(
      @AuthenticationPrincipal ApiPrincipal principal,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    principal.require(Scope.WORKSPACE_READ);
    int n = Pages.limit(limit);
    return Pages.page(
        projects.list(principal.organizationId(), Pages.Cursor.decode(cursor), n),
        n,
        Project::cursor,
        ProjectView::of);
  }

  @GetMapping("/{id}")
  @Operation(
      operationId = "getProject",
      summary = "Read one project",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER, scopes = "workspace:read"))
  ProjectView get(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id) {
    principal.require(Scope.WORKSPACE_READ);
    return ProjectView.of(projects.get(principal.organizationId(), id));
  }

  @PatchMapping("/{id}")
  @Operation(
      operationId = "updateProject",
      summary = "Change a project's name or description",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER, scopes = "workspace:write"))
  ProjectView update(
      @AuthenticationPrincipal ApiPrincipal principal,
      @PathVariable String id,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content = @Content(schema = @Schema(implementation = ProjectChanges.class)))
          @RequestBody
          JsonNode body) {
    principal.require(Scope.WORKSPACE_WRITE);
    Inputs.Patch patch = Inputs.Patch.of(body, Set.of("name", "description"));
    return ProjectView.of(projects.update(principal.organizationId(), id, patch));
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(
      operationId = "deleteProject",
      summary = "Delete a project with its tasks",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER, scopes = "workspace:write"))
  @ApiResponse(responseCode = "204", description = "Deleted")
  void delete(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id) {
    principal.require(Scope.WORKSPACE_WRITE);
    projects.delete(principal.organizationId(), id);
  }
}
