package com.verk.sdk;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A delivery with its attempt log and the request Verk sent.
 *
 * @param delivery the delivery
 * @param attemptLog every attempt, oldest first
 * @param request the request as sent (URL, headers, body), or {@code null}
 */
public record DeliveryDetail(Delivery delivery, List<Attempt> attemptLog, Request request) {

  /**
   * One attempt to deliver.
   *
   * @param number 1 for the first attempt
   * @param attemptedAt when it was made
   * @param success whether the receiver answered 2xx in time
   * @param responseStatus the HTTP status, or {@code null} (timeout, connection error)
   * @param responseTimeMs the duration in milliseconds, or {@code null}
   * @param error what went wrong, or {@code null}
   * @param responseBody the start of the receiver's response body, or {@code null}
   */
  public record Attempt(
      int number,
      Instant attemptedAt,
      boolean success,
      Integer responseStatus,
      Long responseTimeMs,
      String error,
      String responseBody) {}

  /**
   * The request Verk sent.
   *
   * @param url the endpoint
   * @param headers the request headers
   * @param body the exact body
   */
  public record Request(String url, Map<String, String> headers, String body) {}

  static DeliveryDetail from(Fields f) {
    List<Attempt> attempts =
        f.objects("attemptLog").stream()
            .map(
                a -> {
                  Integer number = a.intValue("number");
                  return new Attempt(
                      number == null ? 0 : number,
                      a.instant("attemptedAt"),
                      Boolean.TRUE.equals(a.bool("success")),
                      a.intValue("responseStatus"),
                      a.longValue("responseTimeMs"),
                      a.string("error"),
                      a.string("responseBody"));
                })
            .toList();
    Fields r = f.object("request");
    Request request = null;
    if (r != null) {
      Map<String, String> headers = new LinkedHashMap<>();
      Fields h = r.object("headers");
      if (h != null) {
        h.map().keySet().forEach(name -> headers.put(name, h.string(name)));
      }
      request =
          new Request(r.string("url"), Collections.unmodifiableMap(headers), r.string("body"));
    }
    return new DeliveryDetail(Delivery.from(f), attempts, request);
  }
}
