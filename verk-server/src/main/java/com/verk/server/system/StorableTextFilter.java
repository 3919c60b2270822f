package com.verk.server.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a query parameter or form field that the databases cannot store (see {@link
 * StorableText}) with a 400 naming it, before any controller runs. Runs after the security chains,
 * so an unauthenticated caller still gets its 401. A multipart body is not read here (its fields
 * are checked where they are used), only its query string.
 */
@Component
class StorableTextFilter extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String contentType = request.getContentType();
    boolean multipart =
        contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/");
    try {
      if (multipart) {
        checkQuery(request.getQueryString());
      } else {
        for (Map.Entry<String, String[]> e : request.getParameterMap().entrySet()) {
          check(e.getKey(), e.getValue());
        }
      }
    } catch (ApiException e) {
      Problems.write(response, e);
      return;
    } catch (InvalidParameterException | RequestRejectedException e) {
      // Tomcat or the HTTP firewall refuses these parameters on every read; answer as MVC would.
      Problems.write(
          response,
          new ApiException(
              HttpStatus.BAD_REQUEST,
              "bad_request",
              "Malformed request",
              "The request's parameters cannot be accepted"));
      return;
    }
    chain.doFilter(request, response);
  }

  private static void check(String name, String[] values) {
    // A name that cannot be stored cannot name the field either: "parameter" stands in for it.
    StorableText.require(StorableText.problem(name) == null ? name : "parameter", name);
    for (String value : values) {
      StorableText.require(name, value);
    }
  }

  private static void checkQuery(String query) {
    if (query == null) {
      return;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      try {
        String name =
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value =
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        check(name, new String[] {value});
      } catch (IllegalArgumentException malformed) {
        // Tomcat answers a query it cannot decode with its own 400.
      }
    }
  }
}
