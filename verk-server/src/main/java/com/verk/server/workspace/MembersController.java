package com.verk.server.workspace;

import com.verk.server.system.Pages;
import com.verk.server.tenancy.ApiPrincipal;
import com.verk.server.tenancy.RolePolicy;
import com.verk.server.tenancy.Scope;
import java.util.Map;
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
  Map<String, Object> add(
      @AuthenticationPrincipal ApiPrincipal principal, @RequestBody AddMember body) {
    principal.require(Scope.WORKSPACE_WRITE);
    return members
        .add(
            principal.organizationId(),
            body.email(),
            body.name(),
            body.role(),
            RolePolicy.Actor.API_KEY)
        .view();
  }

  @GetMapping
  Map<String, Object> list(
      @AuthenticationPrincipal ApiPrincipal principal,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    principal.require(Scope.WORKSPACE_READ);
    int n = Pages.limit(limit);
    return Pages.page(
        members.list(principal.organizationId(), Pages.Cursor.decode(cursor), n),
        n,
        Member::cursor,
        Member::view);
  }

  @GetMapping("/{id}")
  Map<String, Object> get(
      @AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id) {
    principal.require(Scope.WORKSPACE_READ);
    return members.get(principal.organizationId(), id).view();
  }

  @PatchMapping("/{id}")
  Map<String, Object> changeRole(
      @AuthenticationPrincipal ApiPrincipal principal,
      @PathVariable String id,
      @RequestBody ChangeRole body) {
    principal.require(Scope.WORKSPACE_WRITE);
    return members
        .changeRole(principal.organizationId(), id, body.role(), RolePolicy.Actor.API_KEY)
        .view();
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void remove(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id) {
    principal.require(Scope.WORKSPACE_WRITE);
    members.remove(principal.organizationId(), id, RolePolicy.Actor.API_KEY);
  }
}
