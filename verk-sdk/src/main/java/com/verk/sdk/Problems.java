package com.verk.sdk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns an error response into a {@link VerkApiException}, whatever its body looks like. */
final class Problems {

  private Problems() {}

  static VerkApiException toException(int status, String body) {
    Fields problem = null;
    try {
      if (body != null && !body.isBlank()) {
        problem = Fields.of(Json.parse(body), "problem");
      }
    } catch (IllegalArgumentException notJson) {
      // A proxy's HTML error page, say: keep the status and show the start of the body.
    }
    if (problem == null) {
      String snippet = body == null ? null : body.substring(0, Math.min(body.length(), 200));
      return new VerkApiException(
          status,
          "http_" + status,
          null,
          snippet == null || snippet.isBlank() ? null : snippet,
          List.of(),
          Map.of());
    }
    String code = problem.string("code");
    List<VerkApiException.FieldError> errors = new ArrayList<>();
    for (Fields e : problem.objects("errors")) {
      errors.add(new VerkApiException.FieldError(e.string("field"), e.string("message")));
    }
    Map<String, Object> properties = new LinkedHashMap<>(problem.map());
    return new VerkApiException(
        status,
        code != null ? code : "http_" + status,
        problem.string("title"),
        problem.string("detail"),
        errors,
        Fields.unmodifiable(properties));
  }
}
