package com.verk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.sdk.TaskData;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackNotifierTest {

  static TaskData task(String title, String priority) {
    return new TaskData(
        "task_1",
        title,
        null,
        "todo",
        priority,
        "proj_1",
        "Website",
        "user_2",
        "Ann \"A\"",
        "user_1",
        LocalDate.of(2024, 2, 1),
        Instant.EPOCH,
        Instant.EPOCH,
        null,
        Map.of(),
        null);
  }

  @Test
  void the_message_follows_the_spec_with_json_escaping() throws Exception {
    List<String> posted = new ArrayList<>();
    new SlackNotifier(URI.create("https://hooks.slack.example/x"), (url, json) -> posted.add(json))
        .handleTaskCreated(task("Fix \\ bug\n", "low"));
    assertThat(posted)
        .containsExactly(
            "{\"text\":\"New task created: Fix \\\\ bug\\n\",\"attachments\":[{\"color\":\"good\","
                + "\"fields\":[{\"title\":\"Project\",\"value\":\"Website\"},"
                + "{\"title\":\"Assignee\",\"value\":\"Ann \\\"A\\\"\"},"
                + "{\"title\":\"Due Date\",\"value\":\"2024-02-01\"}]}]}");
  }

  @Test
  void high_and_urgent_tasks_are_coloured_danger() {
    assertThat(SlackNotifier.message(task("t", "high"))).contains("\"color\":\"danger\"");
    assertThat(SlackNotifier.message(task("t", "urgent"))).contains("\"color\":\"danger\"");
    assertThat(SlackNotifier.message(task("t", "medium"))).contains("\"color\":\"good\"");
  }
}
