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

/** /v1/tasks and a task's comments. */
@RestController
@RequestMapping("/v1/tasks")
class TasksController {

  private final Tasks tasks;
  private final Comments comments;

  TasksController(Tasks tasks, Comments comments) {
    this.tasks = tasks;
    this.comments = comments;
  }

  record CreateComment(String body) {}

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> create(
      @AuthenticationPrincipal ApiPrincipal principal, @RequestBody Tasks.NewTask body) {
    principal.require(Scope.WORKSPACE_WRITE);
    return tasks.create(principal.organizationId(), principal.memberId(), body).data();
  }

  @GetMapping
  Map<String, Object> list(
      @AuthenticationPrincipal ApiPrincipal principal,
      @RequestParam(required = false) String projectId,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String assigneeId,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    principal.require(Scope.WORKSPACE_READ);
    int n = Pages.limit(limit);
    Tasks.Filter filter = new Tasks.Filter(projectId, status, assigneeId);
    return Pages.page(
        tasks.list(principal.organizationId(), filter, Pages.Cursor.decode(cursor), n),
        n,
        Task::cursor,
        Task::data);
  }

  @GetMapping("/{id}")
  Map<String, Object> get(
      @AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id) {
    principal.require(Scope.WORKSPACE_READ);
    return tasks.get(principal.organizationId(), id).data();
  }

  @PatchMapping("/{id}")
  Map<String, Object> update(
      @AuthenticationPrincipal ApiPrincipal principal,
      @PathVariable String id,
      @RequestBody JsonNode body) {
    principal.require(Scope.WORKSPACE_WRITE);
    Inputs.Patch patch = Inputs.Patch.of(body, Set.copyOf(Task.EDITABLE));
    return tasks.update(principal.organizationId(), id, patch).data();
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id) {
    principal.require(Scope.WORKSPACE_WRITE);
    tasks.delete(principal.organizationId(), id);
  }

  @PostMapping("/{taskId}/comments")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> comment(
      @AuthenticationPrincipal ApiPrincipal principal,
      @PathVariable String taskId,
      @RequestBody CreateComment body) {
    principal.require(Scope.WORKSPACE_WRITE);
    return comments
        .create(principal.organizationId(), principal.memberId(), taskId, body.body())
        .data();
  }

  @GetMapping("/{taskId}/comments")
  Map<String, Object> comments(
      @AuthenticationPrincipal ApiPrincipal principal,
      @PathVariable String taskId,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    principal.require(Scope.WORKSPACE_READ);
    int n = Pages.limit(limit);
    return Pages.page(
        comments.list(principal.organizationId(), taskId, Pages.Cursor.decode(cursor), n),
        n,
        Comment::cursor,
        Comment::data);
  }
}
