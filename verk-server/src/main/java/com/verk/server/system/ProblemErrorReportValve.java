package com.verk.server.system;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat answers some malformed requests itself, before any servlet runs (a request line or headers
 * too large to parse, say). This valve makes those answers problems too, instead of Tomcat's HTML
 * page. Errors that reach Spring are handled by {@link ProblemErrorController}.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int code = response.getStatus();
    if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    HttpStatus status = HttpStatus.resolve(code);
    if (status == null) {
      status = HttpStatus.BAD_REQUEST;
    }
    String body =
        "{\"type\":\"https://docs.verk.com/errors/"
            + ProblemErrorController.code(status)
            + "\",\"title\":\""
            + status.getReasonPhrase()
            + "\",\"status\":"
            + code
            + ",\"detail\":\"The request could not be read: "
            + status.getReasonPhrase()
            + "\",\"code\":\""
            + ProblemErrorController.code(status)
            + "\"}";
    try {
      response.setContentType("application/problem+json");
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(body);
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // The client is gone or the response is committed; nothing more can be said.
    }
  }
}
