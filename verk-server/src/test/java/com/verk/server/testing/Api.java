package com.verk.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for tests that talk to the running server like a user's script would. */
public final class Api {

  public static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String baseUrl;
  private final String token;

  public Api(String baseUrl, String token) {
    this.baseUrl = baseUrl;
    this.token = token;
  }

  /** The same server with another bearer token (null for none). */
  public Api withToken(String otherToken) {
    return new Api(baseUrl, otherToken);
  }

  public String baseUrl() {
    return baseUrl;
  }

  public String token() {
    return token;
  }

  /** One response: status, headers and the body parsed as JSON when there is one. */
  public record Result(int status, HttpResponse<String> raw) {

    public JsonNode json() {
      String body = raw.body();
      return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
    }

    public String body() {
      return raw.body();
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    /** The problem's machine code, for error responses. */
    public String code() {
      return json().path("code").asString();
    }
  }

  public Result get(String path) {
    return send("GET", path, null, null);
  }

  public Result delete(String path) {
    return send("DELETE", path, null, null);
  }

  public Result post(String path, Object body) {
    return send("POST", path, body, "application/json");
  }

  public Result patch(String path, Object body) {
    return send("PATCH", path, body, "application/json");
  }

  /** Sends {@code body} as is (a String is sent verbatim, anything else as JSON). */
  public Result send(String method, String path, Object body, String contentType) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      String text = body instanceof String s ? s : JSON.writeValueAsString(body);
      request.header("Content-Type", contentType);
      request.method(method, HttpRequest.BodyPublishers.ofString(text));
    }
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Result(response.statusCode(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
