package com.verk.server.workspace;

import com.verk.server.system.OpenApiDocs;
import com.verk.server.system.Page;
import com.verk.server.system.Pages;
import com.verk.server.system.ProblemResponses;
import com.verk.server.tenancy.ApiPrincipal;
import com.verk.server.tenancy.RolePolicy;
import com.verk.server.tenancy.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
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

/** /v1/members. */
@RestController
@Tag(
    name = "Members",
    description = "Members of the organization (scopes workspace:read, workspace:write)")
@RequestMapping("/v1/members")
class MembersController {

  private final Members members;

  MembersController(Members members) {
    this.members = members;
  }

  record AddMember(String email, String name, String role) {}

  record ChangeRole(String role) {}

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      operationId = "addMember",
      summary = "Add a member",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER, scopes = "workspace:write"))
  @ApiResponse(responseCode = "201", description = "Created")
  MemberView add(@AuthenticationPrincipal ApiPrincipal principal, @RequestBody AddMember body) {
    principal.require(Scope.WORKSPACE_WRITE);
    return MemberView.of(
        members.add(
            principal.organizationId(),
            body.email(),
            body.name(),
            body.role(),
            RolePolicy.Actor.API_KEY));
  }

  @GetMapping
  @Operation(
      operationId = "listMembers",
      summary = "List members, oldest first",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER, scopes = "workspace:read"))
  @ProblemResponses("validation_failed")
  Page<MemberView> list(
      @AuthenticationPrincipal ApiPrincipal principal,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    principal.require(Scope.WORKSPACE_READ);
    int n = Pages.limit(limit);
    return Pages.page(
        members.list(principal.organizationId(), Pages.Cursor.decode(cursor), n),
        n,
        Member::cursor,
        MemberView::of);
  }

  @GetMapping("/{id}")
  @Operation(
      operationId = "getMember",
      summary = "Read one member",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER, scopes = "workspace:read"))
  MemberView get(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id) {
    principal.require(Scope.WORKSPACE_READ);
    return MemberView.of(members.get(principal.organizationId(), id));
  }

  @PatchMapping("/{id}")
  @Operation(
      operationId = "changeMemberRole",
      summary = "Change a member's role",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER, scopes = "workspace:write"))
  MemberView changeRole(
      @AuthenticationPrincipal ApiPrincipal principal,
      @PathVariable String id,
      @RequestBody ChangeRole body) {
    principal.require(Scope.WORKSPACE_WRITE);
    return MemberView.of(
        members.changeRole(principal.organizationId(), id, body.role(), RolePolicy.Actor.API_KEY));
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(
      operationId = "removeMember",
      summary = "Remove a member",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER, scopes = "workspace:write"))
  @ApiResponse(responseCode = "204", description = "Deleted")
  void remove(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id) {
    principal.require(Scope.WORKSPACE_WRITE);
    members.remove(principal.organizationId(), id, RolePolicy.Actor.API_KEY);
  }
}
