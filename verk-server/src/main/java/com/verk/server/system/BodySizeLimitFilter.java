package com.verk.server.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards API request bodies before anything reads them: JSON bodies are at most 1 MiB (413
 * otherwise), and a Content-Type must be a concrete media type (415 otherwise). Multipart uploads
 * have their own, configurable limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class BodySizeLimitFilter extends OncePerRequestFilter {

  static final long MAX_JSON_BODY = 1024 * 1024;

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    return !path.startsWith("/v1/") && !path.startsWith("/admin/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String type = request.getContentType();
    if (type != null && !isConcreteMediaType(type)) {
      Problems.write(
          response,
          new ApiException(
              HttpStatus.UNSUPPORTED_MEDIA_TYPE,
              "unsupported_media_type",
              "Unsupported media type",
              "Content-Type must be a concrete media type such as application/json"));
      return;
    }
    if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
      chain.doFilter(request, response); // uploads have their own, configurable limit
      return;
    }
    if (request.getContentLengthLong() > MAX_JSON_BODY) {
      Problems.write(response, tooLarge());
      return;
    }
    chain.doFilter(new LimitedRequest(request), response);
  }

  // Spring refuses wildcard or unparseable Content-Types with an IllegalArgumentException deep in
  // argument resolution; answering here keeps that a 415 instead of a 500.
  private static boolean isConcreteMediaType(String value) {
    try {
      MediaType type = MediaType.parseMediaType(value);
      return !type.isWildcardType() && !type.isWildcardSubtype();
    } catch (InvalidMediaTypeException e) {
      return false;
    }
  }

  static ApiException tooLarge() {
    return new ApiException(
        HttpStatus.CONTENT_TOO_LARGE,
        "payload_too_large",
        "Payload too large",
        "Request bodies are limited to 1 MiB");
  }

  /** Thrown while reading a chunked body that grows past the limit. */
  static final class BodyTooLargeException extends IOException {
    BodyTooLargeException() {
      super("Request bodies are limited to 1 MiB");
    }
  }

  private static final class LimitedRequest extends HttpServletRequestWrapper {

    private ServletInputStream stream;

    LimitedRequest(HttpServletRequest request) {
      super(request);
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new LimitedStream(super.getInputStream());
      }
      return stream;
    }
  }

  private static final class LimitedStream extends ServletInputStream {

    private final ServletInputStream delegate;
    private long read;

    LimitedStream(ServletInputStream delegate) {
      this.delegate = delegate;
    }

    @Override
    public int read() throws IOException {
      int b = delegate.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = delegate.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws IOException {
      read += n;
      if (read > MAX_JSON_BODY) {
        throw new BodyTooLargeException();
      }
    }

    @Override
    public boolean isFinished() {
      return delegate.isFinished();
    }

    @Override
    public boolean isReady() {
      return delegate.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      delegate.setReadListener(listener);
    }
  }
}
