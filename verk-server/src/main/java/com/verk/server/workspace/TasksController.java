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

/** /v1/tasks and a task's comments. */
@RestController
@Tag(
    name = "Tasks",
    description = "Tasks and their comments (scopes workspace:read, workspace:write)")
@RequestMapping("/v1/tasks")
class TasksController {

  private final Tasks tasks;
  private final Comments comments;

  TasksController(Tasks tasks, Comments comments) {
    this.tasks = tasks;
    this.comments = comments;
  }

  record CreateComment(String body) {}

  /** What PATCH accepts (the body is read as JSON to tell absent from null). */
  @Schema(
      name = "TaskChanges",
      description = "Absent fields stay as they are; null clears an optional field")
  record TaskChanges(
      String title,
      @Schema(types = {"string", "null"}) String description,
      @Schema(allowableValues = {"todo", "in_progress", "done"}) String status,
      @Schema(allowableValues = {"low", "medium", "high", "urgent"}) String priority,
      String projectId,
      @Schema(types = {"string", "null"}) String assigneeId,
      @Schema(
              types = {"string", "null"},
              format = "date",
              example = "2024-02-01")
          String dueDate) {}

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      operationId = "createTask",
      summary = "Create a task",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER, scopes = "workspace:write"))
  @ApiResponse(responseCode = "201", description = "Created")
  TaskView create(
      @AuthenticationPrincipal ApiPrincipal principal, @RequestBody Tasks.NewTask body) {
    principal.require(Scope.WORKSPACE_WRITE);
    return TaskView.of(tasks.create(principal.organizationId(), principal.memberId(), body));
  }

  @GetMapping
  @Operation(
      operationId = "listTasks",
      summary = "List tasks, oldest first, filtered by project, status or assignee",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER, scopes = "workspace:read"))
  @ProblemResponses("validation_failed")
  Page<TaskView> list(
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
        TaskView::of);
  }

  @GetMapping("/{id}")
  @Operation(
      operationId = "getTask",
      summary = "Read one task",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER, scopes = "workspace:read"))
  TaskView get(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id) {
    principal.require(Scope.WORKSPACE_READ);
    return TaskView.of(tasks.get(principal.organizationId(), id));
  }

  @PatchMapping("/{id}")
  @Operation(
      operationId = "updateTask",
      summary = "Change a task",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER, scopes = "workspace:write"))
  TaskView update(
      @AuthenticationPrincipal ApiPrincipal principal,
      @PathVariable String id,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content = @Content(schema = @Schema(implementation = TaskChanges.class)))
          @RequestBody
          JsonNode body) {
    principal.require(Scope.WORKSPACE_WRITE);
    Inputs.Patch patch = Inputs.Patch.of(body, Set.copyOf(Task.EDITABLE));
    return TaskView.of(tasks.update(principal.organizationId(), id, patch));
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(
      operationId = "deleteTask",
      summary = "Delete a task",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER, scopes = "workspace:write"))
  @ApiResponse(responseCode = "204", description = "Deleted")
  void delete(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id) {
    principal.require(Scope.WORKSPACE_WRITE);
    tasks.delete(principal.organizationId(), id);
  }

  @PostMapping("/{taskId}/comments")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      operationId = "createTaskComment",
      summary = "Comment on a task",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER, scopes = "workspace:write"))
  @ApiResponse(responseCode = "201", description = "Created")
  CommentView comment(
      @AuthenticationPrincipal ApiPrincipal principal,
      @PathVariable String taskId,
      @RequestBody CreateComment body) {
    principal.require(Scope.WORKSPACE_WRITE);
    return CommentView.of(
        comments.create(principal.organizationId(), principal.memberId(), taskId, body.body()));
  }

  @GetMapping("/{taskId}/comments")
  @Operation(
      operationId = "listTaskComments",
      summary = "List a task's comments, oldest first",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER, scopes = "workspace:read"))
  @ProblemResponses("validation_failed")
  Page<CommentView> comments(
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
        CommentView::of);
  }
}
