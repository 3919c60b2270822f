package com.verk.sdk;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

/** One authenticated JSON request to the management API; errors become exceptions. */
final class ApiTransport {

  private final HttpClient http;
  private final String baseUrl;
  private final String apiKey;
  private final Duration timeout;

  ApiTransport(HttpClient http, String baseUrl, String apiKey, Duration timeout) {
    this.http = http;
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
    this.timeout = timeout;
  }

  Fields send(String method, String path, Object body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(timeout)
            .header("Authorization", "Bearer " + apiKey)
            .header("Accept", "application/json, application/problem+json")
            .header("User-Agent", "verk-sdk-java");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(JsonWriter.write(body), UTF_8));
    }
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(
          method + " " + path + " interrupted", new InterruptedIOException());
    }
    if (response.statusCode() >= 300) {
      throw Problems.toException(response.statusCode(), new String(response.body(), UTF_8));
    }
    byte[] answer = response.body();
    return answer == null || new String(answer, UTF_8).isBlank()
        ? new Fields(Map.of(), "response")
        : Fields.of(Json.parse(answer), "response");
  }

  static String segment(String id) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("id must not be blank");
    }
    return URLEncoder.encode(id, UTF_8).replace("+", "%20");
  }

  static String query(Object... namesAndValues) {
    StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
    for (int i = 0; i < namesAndValues.length; i += 2) {
      Object value = namesAndValues[i + 1];
      if (value != null) {
        q.add(namesAndValues[i] + "=" + URLEncoder.encode(value.toString(), UTF_8));
      }
    }
    return q.toString();
  }
}
