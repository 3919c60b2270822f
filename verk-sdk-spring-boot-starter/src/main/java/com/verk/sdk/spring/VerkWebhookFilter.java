package com.verk.sdk.spring;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.verk.sdk.DeliveryDeduplicator;
import com.verk.sdk.WebhookEvent;
import com.verk.sdk.WebhookVerificationException;
import com.verk.sdk.WebhookVerifier;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Verifies every request to the configured paths before any controller sees it: reads the raw body,
 * checks both signatures, parses the event into the request attribute {@link #EVENT_ATTRIBUTE}
 * (where {@code @VerkWebhook} finds it) and passes on a request whose body can still be read.
 *
 * <p>A request that fails verification is answered {@code 401 application/problem+json} (code
 * {@code invalid_signature}, with the SDK's reason); a verified body that is not a Verk event
 * {@code 400} ({@code invalid_payload}); a body over the size limit {@code 413}.
 *
 * <p>With a {@link DeliveryDeduplicator}, a delivery is claimed before the controller runs and
 * marked handled only when the controller answered 2xx (released otherwise, so Verk's retry is
 * handled); a delivery already handled, or being handled right now, is answered {@code 200} with
 * {@code Verk-Duplicate: true} without calling the controller.
 */
public final class VerkWebhookFilter extends OncePerRequestFilter {

  /** The request attribute holding the verified {@link WebhookEvent}. */
  public static final String EVENT_ATTRIBUTE = VerkWebhookFilter.class.getName() + ".event";

  /** The response header set on a duplicate delivery that was acknowledged without handling. */
  public static final String DUPLICATE_HEADER = "Verk-Duplicate";

  private final WebhookVerifier verifier;
  private final List<PathPattern> paths;
  private final DeliveryDeduplicator deduplicator;
  private final long maxBodyBytes;

  /**
   * Creates the filter.
   *
   * @param verifier verifies the requests
   * @param paths Spring path patterns of the webhook endpoints
   * @param deduplicator skips deliveries already handled, or {@code null} for none
   * @param maxBodyBytes the largest body read
   */
  public VerkWebhookFilter(
      WebhookVerifier verifier,
      List<String> paths,
      DeliveryDeduplicator deduplicator,
      long maxBodyBytes) {
    this.verifier = verifier;
    this.paths = paths.stream().map(PathPatternParser.defaultInstance::parse).toList();
    this.deduplicator = deduplicator;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    PathContainer container = PathContainer.parsePath(path);
    return paths.stream().noneMatch(pattern -> pattern.matches(container));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    byte[] body = readBody(request);
    if (body == null) {
      Problem.write(
          response,
          request,
          413,
          "payload_too_large",
          "The body is over " + maxBodyBytes + " bytes");
      return;
    }
    WebhookEvent event;
    try {
      event = verifier.verifyAndParse(body, request::getHeader);
    } catch (WebhookVerificationException e) {
      Problem.invalidSignature(response, request, e);
      return;
    } catch (IllegalArgumentException e) {
      Problem.write(response, request, 400, "invalid_payload", e.getMessage());
      return;
    }
    CachedBodyRequest verified = new CachedBodyRequest(request, body);
    verified.setAttribute(EVENT_ATTRIBUTE, event);
    if (deduplicator == null) {
      chain.doFilter(verified, response);
      return;
    }
    if (!deduplicator.tryClaim(event.deliveryId())) {
      response.setStatus(HttpServletResponse.SC_OK);
      response.setHeader(DUPLICATE_HEADER, "true");
      return;
    }
    boolean handled = false;
    try {
      chain.doFilter(verified, response);
      handled = response.getStatus() >= 200 && response.getStatus() < 300;
    } finally {
      if (handled) {
        deduplicator.complete(event.deliveryId());
      } else {
        deduplicator.release(event.deliveryId());
      }
    }
  }

  /** The body, or {@code null} when it is larger than the limit. */
  private byte[] readBody(HttpServletRequest request) throws IOException {
    if (request.getContentLengthLong() > maxBodyBytes) {
      return null;
    }
    try (InputStream in = request.getInputStream()) {
      byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
      return body.length > maxBodyBytes ? null : body;
    }
  }

  /** RFC 9457 problem responses, written by hand: the starter needs no JSON library. */
  static final class Problem {

    private Problem() {}

    static void invalidSignature(
        HttpServletResponse response, HttpServletRequest request, WebhookVerificationException e)
        throws IOException {
      write(
          response,
          request,
          401,
          "invalid_signature",
          e.getMessage(),
          ",\"reason\":\"" + e.reason().name() + "\"");
    }

    static void write(
        HttpServletResponse response,
        HttpServletRequest request,
        int status,
        String code,
        String detail)
        throws IOException {
      write(response, request, status, code, detail, "");
    }

    private static void write(
        HttpServletResponse response,
        HttpServletRequest request,
        int status,
        String code,
        String detail,
        String extra)
        throws IOException {
      String title =
          switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 413 -> "Content Too Large";
            default -> "Error";
          };
      String json =
          "{\"type\":\"about:blank\",\"title\":\""
              + title
              + "\",\"status\":"
              + status
              + ",\"detail\":"
              + quote(detail)
              + ",\"instance\":"
              + quote(request.getRequestURI())
              + ",\"code\":\""
              + code
              + "\""
              + extra
              + "}";
      byte[] bytes = json.getBytes(UTF_8);
      response.setStatus(status);
      response.setContentType("application/problem+json");
      response.setCharacterEncoding("UTF-8");
      response.setContentLength(bytes.length);
      response.getOutputStream().write(bytes);
    }

    static String quote(String s) {
      if (s == null) {
        return "null";
      }
      StringBuilder sb = new StringBuilder("\"");
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '"' || c == '\\') {
          sb.append('\\').append(c);
        } else if (c < 0x20 || Character.isSurrogate(c)) {
          sb.append(String.format("\\u%04x", (int) c));
        } else {
          sb.append(c);
        }
      }
      return sb.append('"').toString();
    }
  }
}
