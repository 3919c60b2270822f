package com.verk.server.workspace;

import com.verk.server.system.ApiException;
import com.verk.server.system.Ids;
import com.verk.server.system.OpenApiDocs;
import com.verk.server.system.Problems;
import com.verk.server.system.StorableText;
import com.verk.server.system.VerkProperties;
import com.verk.server.tenancy.ApiPrincipal;
import com.verk.server.tenancy.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;

/**
 * /v1/files. An upload's bytes are made durable first, then its row and file.uploaded commit; when
 * that transaction fails the bytes are deleted again, so no row ever lacks its bytes.
 */
@RestController
@Tag(
    name = "Files",
    description = "Files, optionally attached to tasks (scopes workspace:read, workspace:write)")
@RequestMapping("/v1/files")
class FilesController {

  private static final int MAX_FILE_NAME = 255;

  private final WorkspaceFiles files;
  private final FileStore store;
  private final long maxFileSize;

  FilesController(WorkspaceFiles files, FileStore store, VerkProperties properties) {
    this.files = files;
    this.store = store;
    this.maxFileSize = properties.maxFileSize().toBytes();
  }

  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      operationId = "uploadFile",
      summary = "Upload a file (multipart/form-data), optionally attached to a task",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER, scopes = "workspace:write"))
  @ApiResponse(responseCode = "201", description = "Created")
  FileView upload(
      @AuthenticationPrincipal ApiPrincipal principal,
      @RequestParam("file") MultipartFile file,
      @RequestParam(name = "taskId", required = false) String taskId)
      throws IOException {
    principal.require(Scope.WORKSPACE_WRITE);
    StorableText.require("taskId", taskId);
    StorableText.require("file", file.getOriginalFilename());
    if (file.getSize() > maxFileSize) {
      throw tooLarge();
    }
    String name = fileName(file.getOriginalFilename());
    String contentType = contentType(file.getContentType());
    String id = Ids.next("file");
    FileStore.Written written;
    try (InputStream in = file.getInputStream()) {
      written = store.write(id, in);
    }
    try {
      return FileView.of(
          files.record(
              principal.organizationId(),
              principal.memberId(),
              id,
              name,
              contentType,
              written,
              taskId));
    } catch (RuntimeException e) {
      store.delete(id);
      throw e;
    }
  }

  @GetMapping("/{id}")
  @Operation(
      operationId = "getFile",
      summary = "Read a file's metadata",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER, scopes = "workspace:read"))
  FileView get(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id) {
    principal.require(Scope.WORKSPACE_READ);
    return FileView.of(files.get(principal.organizationId(), id));
  }

  @GetMapping("/{id}/content")
  @Operation(
      operationId = "downloadFile",
      summary = "Download a file's content",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER, scopes = "workspace:read"))
  @ApiResponse(
      responseCode = "200",
      description = "The file's bytes, with its content type",
      content =
          @Content(
              mediaType = "application/octet-stream",
              schema = @Schema(type = "string", format = "binary")))
  ResponseEntity<Resource> content(
      @AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id) {
    principal.require(Scope.WORKSPACE_READ);
    StoredFile file = files.get(principal.organizationId(), id);
    Path bytes = store.path(file.id());
    if (!Files.isRegularFile(bytes)) {
      // Only possible while a concurrent delete commits.
      throw ApiException.notFound("File", id);
    }
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(file.contentType()))
        .contentLength(file.size())
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(file.name(), StandardCharsets.UTF_8)
                .build()
                .toString())
        .header("X-Content-Type-Options", "nosniff")
        .body(new FileSystemResource(bytes));
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(
      operationId = "deleteFile",
      summary = "Delete a file",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER, scopes = "workspace:write"))
  @ApiResponse(responseCode = "204", description = "Deleted")
  void delete(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id) {
    principal.require(Scope.WORKSPACE_WRITE);
    files.delete(principal.organizationId(), id);
  }

  // Multipart parsing happens while the arguments of upload() are resolved (resolve-lazily), so
  // its failures arrive here rather than as a generic error.
  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ResponseEntity<ProblemDetail> uploadTooLarge(MaxUploadSizeExceededException e) {
    return Problems.response(tooLarge());
  }

  @ExceptionHandler(MultipartException.class)
  ResponseEntity<ProblemDetail> badMultipart(MultipartException e) {
    return Problems.response(
        ApiException.invalid("file", "the multipart/form-data body could not be read"));
  }

  private ApiException tooLarge() {
    return new ApiException(
        HttpStatus.CONTENT_TOO_LARGE,
        "payload_too_large",
        "Payload too large",
        "Files are limited to " + maxFileSize + " bytes");
  }

  private static String fileName(String original) {
    String name = original == null ? "" : original;
    // Browsers may send a full client path; only its last segment is the name.
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    name = name.replaceAll("\\p{Cntrl}", "").trim();
    if (name.isEmpty()) {
      return "file";
    }
    if (name.length() > MAX_FILE_NAME) {
      throw ApiException.invalid("file", "its name must be at most 255 characters");
    }
    return name;
  }

  private static String contentType(String declared) {
    if (declared == null) {
      return MediaType.APPLICATION_OCTET_STREAM_VALUE;
    }
    try {
      MediaType type = MediaType.parseMediaType(declared);
      return type.isConcrete() ? type.toString() : MediaType.APPLICATION_OCTET_STREAM_VALUE;
    } catch (RuntimeException e) {
      return MediaType.APPLICATION_OCTET_STREAM_VALUE;
    }
  }
}
