package com.verk.server.workspace;

import com.verk.server.system.OpenApiDocs;
import com.verk.server.tenancy.ApiPrincipal;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** /v1/comments/{id}; comments are created under their task. */
@RestController
@Tag(name = "Comments", description = "Comments on tasks (scopes workspace:read, workspace:write)")
@RequestMapping("/v1/comments")
class CommentsController {

  private final Comments comments;

  CommentsController(Comments comments) {
    this.comments = comments;
  }

  record EditComment(String body) {}

  @GetMapping("/{id}")
  @Operation(
      operationId = "getComment",
      summary = "Read one comment",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER, scopes = "workspace:read"))
  CommentView get(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id) {
    principal.require(Scope.WORKSPACE_READ);
    return CommentView.of(comments.get(principal.organizationId(), id));
  }

  @PatchMapping("/{id}")
  @Operation(
      operationId = "updateComment",
      summary = "Edit a comment",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER, scopes = "workspace:write"))
  CommentView update(
      @AuthenticationPrincipal ApiPrincipal principal,
      @PathVariable String id,
      @RequestBody EditComment body) {
    principal.require(Scope.WORKSPACE_WRITE);
    return CommentView.of(comments.update(principal.organizationId(), id, body.body()));
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(
      operationId = "deleteComment",
      summary = "Delete a comment",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER, scopes = "workspace:write"))
  @ApiResponse(responseCode = "204", description = "Deleted")
  void delete(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id) {
    principal.require(Scope.WORKSPACE_WRITE);
    comments.delete(principal.organizationId(), id);
  }
}
