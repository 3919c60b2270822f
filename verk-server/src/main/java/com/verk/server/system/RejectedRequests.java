package com.verk.server.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Requests that the HTTP firewall or the container find malformed (an encoded ';', '/' or '%' in
 * the path, a parameter name that is not valid text, an empty parameter name) are the client's
 * fault: a 400 problem like any other bad input, never the 500 of the fallback handler, Spring
 * Boot's non-problem error body or Tomcat's HTML page. Found by the hostile-input properties of the
 * reliability suite.
 */
@Configuration(proxyBeanMethods = false)
class RejectedRequests {

  private static final String DETAIL = "The request's URL, parameters or form body are malformed";

  /** Path checks of the firewall, made in the security filter chain before any controller. */
  @Bean
  RequestRejectedHandler problemOnRejectedRequest() {
    return (HttpServletRequest request, HttpServletResponse response, RequestRejectedException e) ->
        write(response);
  }

  /**
   * The same checks made lazily when a controller first reads the parameters. A resolver ordered
   * before Spring MVC's own, because the catch-all of {@code ProblemHandler} would answer 500.
   */
  @Bean
  HandlerExceptionResolver problemOnMalformedParameters() {
    return new MalformedParameters();
  }

  /**
   * Tomcat refuses an encoded slash or backslash itself with an HTML page; passing them through
   * lets the firewall refuse them with a problem instead.
   */
  @Bean
  TomcatConnectorCustomizer encodedSlashesReachTheFirewall() {
    return connector -> {
      connector.setEncodedSolidusHandling("passthrough");
      connector.setEncodedReverseSolidusHandling("passthrough");
    };
  }

  private static void write(HttpServletResponse response) throws IOException {
    if (!response.isCommitted()) {
      response.resetBuffer();
      Problems.write(
          response,
          new ApiException(
              HttpStatus.BAD_REQUEST, "validation_failed", "Malformed request", DETAIL));
    }
  }

  private static boolean wildcardContentType(HttpServletRequest request) {
    String type = request.getContentType();
    return type != null && type.contains("*");
  }

  private static final class MalformedParameters implements HandlerExceptionResolver, Ordered {

    @Override
    public ModelAndView resolveException(
        HttpServletRequest request, HttpServletResponse response, Object handler, Exception e) {
      try {
        if (e instanceof RequestRejectedException || e instanceof InvalidParameterException) {
          write(response);
          return new ModelAndView();
        }
        if (e instanceof IllegalArgumentException && wildcardContentType(request)) {
          // Spring refuses to even parse "Content-Type: */*" on a body: not a JSON body
          if (!response.isCommitted()) {
            response.resetBuffer();
            Problems.write(
                response,
                new ApiException(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "unsupported_media_type",
                    "Unsupported media type",
                    "Send the body as application/json"));
          }
          return new ModelAndView();
        }
        return null;
      } catch (IOException io) {
        throw new UncheckedIOException(io);
      }
    }

    @Override
    public int getOrder() {
      return Ordered.HIGHEST_PRECEDENCE + 10; // after Boot's DefaultErrorAttributes, before MVC's
    }
  }
}
