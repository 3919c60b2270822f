package com.verk.sdk;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class WebhookEventsTest {

  static String envelope(String event, String data) {
    return "{\"event\":\""
        + event
        + "\",\"timestamp\":\"2024-01-15T10:30:00.123Z\",\"webhookId\":\"webhook_1\","
        + "\"deliveryId\":\"delivery_1\",\"data\":"
        + data
        + ",\"organization\":{\"id\":\"org_789\",\"name\":\"Acme Inc\"}}";
  }

  @Test
  void the_envelope_is_parsed() {
    WebhookEvent event = WebhookEvents.parse(envelope("project.created", "{\"id\":\"proj_1\"}"));
    assertThat(event.event()).isEqualTo("project.created");
    assertThat(event.type()).contains(EventType.PROJECT_CREATED);
    assertThat(event.timestamp()).isEqualTo(Instant.parse("2024-01-15T10:30:00.123Z"));
    assertThat(event.webhookId()).isEqualTo("webhook_1");
    assertThat(event.deliveryId()).isEqualTo("delivery_1");
    assertThat(event.organization()).isEqualTo(new Organization("org_789", "Acme Inc"));
    assertThat(event.rawData()).containsEntry("id", "proj_1");
  }

  @Test
  void a_payload_that_repeats_its_delivery_id_is_refused_rather_than_keeping_the_last() {
    String twice = envelope("project.created", "{}").replace("}}", "},\"deliveryId\":\"x\"}");
    assertThatThrownBy(() -> WebhookEvents.parse(twice.getBytes(UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicate member name \"deliveryId\"");
  }

  @Test
  void a_payload_that_is_not_utf_8_is_refused() {
    byte[] body = envelope("project.created", "{\"name\":\"caf\u00e9\"}").getBytes(ISO_8859_1);
    assertThatThrownBy(() -> WebhookEvents.parse(body))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid UTF-8");
  }

  @Test
  void task_updated_carries_its_changes_and_all_task_fields() {
    String data =
        "{\"id\":\"task_1\",\"title\":\"T\",\"description\":null,\"status\":\"in_progress\","
            + "\"priority\":\"urgent\",\"projectId\":\"proj_1\",\"projectName\":\"P\","
            + "\"assigneeId\":\"user_2\",\"assigneeName\":\"Ann\",\"creatorId\":\"user_1\","
            + "\"dueDate\":\"2024-02-01\",\"createdAt\":\"2024-01-15T10:30:00Z\","
            + "\"updatedAt\":\"2024-01-16T10:30:00Z\",\"completedAt\":null,"
            + "\"changes\":{\"status\":{\"from\":\"todo\",\"to\":\"in_progress\"},"
            + "\"assigneeId\":{\"from\":null,\"to\":\"user_2\"}}}";
    TaskData task = WebhookEvents.parse(envelope("task.updated", data)).data(TaskData.class);
    assertThat(task)
        .isEqualTo(
            new TaskData(
                "task_1",
                "T",
                null,
                "in_progress",
                "urgent",
                "proj_1",
                "P",
                "user_2",
                "Ann",
                "user_1",
                LocalDate.of(2024, 2, 1),
                Instant.parse("2024-01-15T10:30:00Z"),
                Instant.parse("2024-01-16T10:30:00Z"),
                null,
                task.changes(),
                null));
    assertThat(task.changes())
        .containsExactly(
            java.util.Map.entry("status", new TaskData.FieldChange("todo", "in_progress")),
            java.util.Map.entry("assigneeId", new TaskData.FieldChange(null, "user_2")));
  }

  @Test
  void deletion_and_member_specific_fields_are_read() {
    String deleted = "{\"id\":\"x\",\"deletedAt\":\"2024-01-17T00:00:00Z\"}";
    Instant at = Instant.parse("2024-01-17T00:00:00Z");
    assertThat(
            WebhookEvents.parse(envelope("task.deleted", deleted)).data(TaskData.class).deletedAt())
        .isEqualTo(at);
    assertThat(
            WebhookEvents.parse(envelope("project.deleted", deleted))
                .data(ProjectData.class)
                .deletedAt())
        .isEqualTo(at);
    assertThat(
            WebhookEvents.parse(envelope("comment.deleted", deleted))
                .data(CommentData.class)
                .deletedAt())
        .isEqualTo(at);
    assertThat(
            WebhookEvents.parse(envelope("file.deleted", deleted)).data(FileData.class).deletedAt())
        .isEqualTo(at);
    MemberData changed =
        WebhookEvents.parse(
                envelope(
                    "member.role_changed",
                    "{\"id\":\"user_1\",\"email\":\"a@b.c\",\"name\":\"A\",\"role\":\"admin\","
                        + "\"previousRole\":\"member\"}"))
            .data(MemberData.class);
    assertThat(changed).isEqualTo(new MemberData("user_1", "a@b.c", "A", "admin", "member", null));
    assertThat(
            WebhookEvents.parse(
                    envelope(
                        "member.removed",
                        "{\"id\":\"user_1\",\"removedAt\":\"2024-01-17T00:00:00Z\"}"))
                .data(MemberData.class)
                .removedAt())
        .isEqualTo(at);
  }

  @Test
  void comment_and_file_data_are_typed() {
    CommentData comment =
        WebhookEvents.parse(
                envelope(
                    "comment.created",
                    "{\"id\":\"comment_1\",\"taskId\":\"task_1\",\"authorId\":\"user_1\","
                        + "\"body\":\"Hi\",\"createdAt\":\"2024-01-15T10:30:00Z\","
                        + "\"updatedAt\":\"2024-01-15T10:30:00Z\"}"))
            .data(CommentData.class);
    assertThat(comment.body()).isEqualTo("Hi");
    assertThat(comment.taskId()).isEqualTo("task_1");
    FileData file =
        WebhookEvents.parse(
                envelope(
                    "file.uploaded",
                    "{\"id\":\"file_1\",\"name\":\"a.pdf\",\"size\":1048576,"
                        + "\"contentType\":\"application/pdf\",\"taskId\":\"task_1\","
                        + "\"uploaderId\":\"user_1\",\"createdAt\":\"2024-01-15T10:30:00Z\"}"))
            .data(FileData.class);
    assertThat(file.size()).isEqualTo(1048576L);
    assertThat(file.contentType()).isEqualTo("application/pdf");
  }

  @Test
  void unknown_fields_are_ignored_but_stay_in_the_raw_data() {
    WebhookEvent event =
        WebhookEvents.parse(
            envelope("task.created", "{\"id\":\"task_1\",\"labels\":[\"a\"],\"x\":{\"y\":1}}")
                .replace("{\"event\"", "{\"apiVersion\":2,\"event\""));
    assertThat(event.data(TaskData.class).id()).isEqualTo("task_1");
    assertThat(event.rawData()).containsEntry("labels", java.util.List.of("a"));
    assertThatThrownBy(() -> event.rawData().put("z", 1))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void an_unknown_event_type_parses_to_unknown_data() {
    WebhookEvent event = WebhookEvents.parse(envelope("sprint.started", "{\"id\":\"sprint_1\"}"));
    assertThat(event.type()).isEmpty();
    assertThat(event.data()).isEqualTo(new UnknownData(event.rawData()));
    assertThatThrownBy(() -> event.data(TaskData.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("sprint.started");
  }

  @Test
  void asking_for_the_wrong_data_type_says_which_it_is() {
    WebhookEvent event = WebhookEvents.parse(envelope("task.created", "{}"));
    assertThatThrownBy(() -> event.data(FileData.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("TaskData");
  }

  @Test
  void bad_payloads_name_the_field() {
    assertThatThrownBy(() -> WebhookEvents.parse("[]")).hasMessageContaining("payload");
    assertThatThrownBy(() -> WebhookEvents.parse("{\"deliveryId\":\"d\"}"))
        .hasMessageContaining("payload.event");
    assertThatThrownBy(
            () -> WebhookEvents.parse(envelope("task.created", "{\"createdAt\":\"yesterday\"}")))
        .hasMessageContaining("data.createdAt");
    assertThatThrownBy(() -> WebhookEvents.parse(envelope("file.uploaded", "{\"size\":\"big\"}")))
        .hasMessageContaining("data.size");
  }

  @Test
  void an_operational_event_has_typed_data_about_the_other_webhook() {
    String data =
        "{\"webhookId\":\"webhook_1\",\"url\":\"https://example.com/hook\","
            + "\"description\":null,\"reason\":\"Disabled after 7 attempts\","
            + "\"lastError\":\"HTTP 500\",\"lastErrorAt\":\"2024-01-15T10:30:00Z\","
            + "\"lastResponseStatus\":500,\"failedAttempts\":7,\"failingDeliveries\":1,"
            + "\"lastSuccessAt\":null,\"disabledAt\":\"2024-01-15T10:31:00Z\"}";
    WebhookAlertData alert =
        WebhookEvents.parse(envelope("webhook.disabled", data)).data(WebhookAlertData.class);
    assertThat(alert.webhookId()).isEqualTo("webhook_1");
    assertThat(alert.lastResponseStatus()).isEqualTo(500);
    assertThat(alert.failedAttempts()).isEqualTo(7L);
    assertThat(alert.lastSuccessAt()).isNull();
    assertThat(alert.disabledAt()).isEqualTo(java.time.Instant.parse("2024-01-15T10:31:00Z"));
  }

  @Test
  void there_are_eighteen_event_types_with_unique_wire_names_in_six_groups() {
    assertThat(EventType.values()).hasSize(18);
    Set<String> names =
        Arrays.stream(EventType.values()).map(EventType::wireName).collect(Collectors.toSet());
    assertThat(names)
        .hasSize(18)
        .contains("member.role_changed", "file.uploaded", "webhook.failing", "webhook.recovered");
    assertThat(new HashSet<>(Arrays.stream(EventType.values()).map(EventType::group).toList()))
        .containsExactlyInAnyOrder("task", "project", "member", "comment", "file", "webhook");
    for (EventType type : EventType.values()) {
      assertThat(EventType.fromWireName(type.wireName())).contains(type);
      String sample = envelope(type.wireName(), "{\"id\":\"x\"}");
      assertThat(WebhookEvents.parse(sample).data()).isNotInstanceOf(UnknownData.class);
    }
  }
}
