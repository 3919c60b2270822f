package com.verk.sdk.spring;

import com.verk.sdk.WebhookEvent;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Hands a {@code @VerkWebhook WebhookEvent} parameter the event {@link VerkWebhookFilter} set. */
final class VerkWebhookArgumentResolver implements HandlerMethodArgumentResolver {

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.hasParameterAnnotation(VerkWebhook.class);
  }

  @Override
  public Object resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer mavContainer,
      NativeWebRequest webRequest,
      WebDataBinderFactory binderFactory) {
    if (!WebhookEvent.class.equals(parameter.getParameterType())) {
      throw new IllegalStateException(
          "@VerkWebhook goes on a parameter of type WebhookEvent, not "
              + parameter.getParameterType().getName());
    }
    Object event =
        webRequest.getAttribute(VerkWebhookFilter.EVENT_ATTRIBUTE, NativeWebRequest.SCOPE_REQUEST);
    if (event == null) {
      HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
      String path = request == null ? "this path" : request.getRequestURI();
      throw new IllegalStateException(
          "The request to "
              + path
              + " was not verified, so it has no Verk event: add its path to verk.webhook.paths");
    }
    return event;
  }
}
