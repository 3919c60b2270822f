package com.verk.server.workspace;

import com.verk.server.tenancy.ApiPrincipal;
import com.verk.server.tenancy.Scope;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** /v1/comments/{id}; comments are created under their task. */
@RestController
@RequestMapping("/v1/comments")
class CommentsController {

  private final Comments comments;

  CommentsController(Comments comments) {
    this.comments = comments;
  }

  record EditComment(String body) {}

  @GetMapping("/{id}")
  Map<String, Object> get(
      @AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id) {
    principal.require(Scope.WORKSPACE_READ);
    return comments.get(principal.organizationId(), id).data();
  }

  @PatchMapping("/{id}")
  Map<String, Object> update(
      @AuthenticationPrincipal ApiPrincipal principal,
      @PathVariable String id,
      @RequestBody EditComment body) {
    principal.require(Scope.WORKSPACE_WRITE);
    return comments.update(principal.organizationId(), id, body.body()).data();
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id) {
    principal.require(Scope.WORKSPACE_WRITE);
    comments.delete(principal.organizationId(), id);
  }
}
