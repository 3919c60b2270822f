package com.example.tasks;

import com.verk.sdk.EventType;
import com.verk.sdk.TaskData;
import com.verk.sdk.WebhookEvent;
import com.verk.sdk.spring.VerkWebhook;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

// README: "Typed data, and answering before the work". Outside the application's package, so
// not scanned: WebhookReceiver maps the same path; this file is here to be compiled.
@RestController
class TaskWebhooks {

  private final Executor executor = Executors.newSingleThreadExecutor();

  @PostMapping("/webhooks/verk")
  ResponseEntity<Void> receive(@VerkWebhook WebhookEvent event, @RequestHeader("User-Agent") String agent) {
    if (event.is(EventType.TASK_CREATED)) {
      TaskData task = event.data(TaskData.class);
      executor.execute(() -> System.out.println("New task: " + task.title()));
    }
    return ResponseEntity.accepted().build();   // Verk waits 5 seconds at most
  }
}
