package com.verk.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.verk.server.testing.Receiver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the spec's own Node.js and Python verification snippets, as written, on a body and signature
 * captured from a real request. Skipped visibly when node or python3 is missing.
 */
class SpecSnippetsTest {

  private static final String SECRET = "your_webhook_secret_12345";

  private static final String NODE =
      """
      const crypto = require('crypto')
      const fs = require('fs')
      function verifyWebhook(payload, signature, secret) {
      const expectedSignature =
      'sha256=' +
      crypto.createHmac('sha256', secret).update(payload).digest('hex')
      return crypto.timingSafeEqual(
      Buffer.from(signature),
      Buffer.from(expectedSignature)
      )
      }
      const payload = fs.readFileSync(process.argv[2]).toString()
      console.log(verifyWebhook(payload, process.argv[3], process.argv[4]))
      """;

  private static final String PYTHON =
      """
      import hmac
      import hashlib
      import sys
      def verify_webhook(payload, signature, secret):
          expected = 'sha256=' + hmac.new(
              secret.encode(),
              payload.encode(),
              hashlib.sha256
          ).hexdigest()
          return hmac.compare_digest(signature, expected)
      payload = open(sys.argv[1], encoding='utf-8').read()
      print(verify_webhook(payload, sys.argv[2], sys.argv[3]))
      """;

  @TempDir Path dir;

  @Test
  void the_spec_node_and_python_snippets_accept_a_captured_delivery() throws Exception {
    Receiver.Request captured = capture();
    Path body = dir.resolve("body.json");
    Files.write(body, captured.body());
    String signature = captured.header("X-Verk-Signature");

    String node = run("node", NODE, "js", body, signature);
    String python = run("python3", PYTHON, "py", body, signature);

    assumeTrue(node != null || python != null, "SKIPPED: neither node nor python3 is installed");
    if (node != null) {
      assertThat(node).isEqualTo("true");
    } else {
      System.err.println("SKIPPED: node is not installed; the Node.js snippet was not run");
    }
    if (python != null) {
      assertThat(python).isEqualTo("True");
    } else {
      System.err.println("SKIPPED: python3 is not installed; the Python snippet was not run");
    }
  }

  private Receiver.Request capture() throws Exception {
    JsonMapper json = JsonMapper.builder().build();
    Job job =
        new Job(
            "delivery_snip",
            "webhook_snip",
            "org_1",
            "Acme Inc ✓",
            "evt_1",
            "task.created",
            "{\"id\":\"task_1\",\"title\":\"Ünïcode – “quotes”\"}",
            1_705_314_600_000L,
            false,
            0,
            0,
            null,
            null,
            SECRET,
            null,
            null,
            true);
    byte[] payload = new Envelope(json).render(job);
    try (Receiver receiver = new Receiver();
        HttpSender sender = new HttpSender(Duration.ofSeconds(5), true, "Verk-Webhooks/test", 8)) {
      var headers =
          new Signer("Verk-Webhooks/test").headers(job, payload, 1_700_000_000L, SECRET, null);
      sender.send(receiver.url("/hook"), headers, payload).get(10, TimeUnit.SECONDS);
      return receiver.take(Duration.ofSeconds(10));
    }
  }

  /** The script's output, or null when the interpreter is not installed. */
  private String run(String interpreter, String script, String ext, Path body, String signature)
      throws IOException, InterruptedException {
    Path file = dir.resolve("verify." + ext);
    Files.writeString(file, script, StandardCharsets.UTF_8);
    Process process;
    try {
      process =
          new ProcessBuilder(
                  List.of(interpreter, file.toString(), body.toString(), signature, SECRET))
              .redirectErrorStream(true)
              .start();
    } catch (IOException notInstalled) {
      return null;
    }
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(process.exitValue()).as(out).isZero();
    return out;
  }
}
