package com.verk.server.system;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.databind.JsonNode;

/**
 * Checks every string of every JSON request body, typed record or tree alike, before a controller
 * sees it: a NUL or an unpaired surrogate anywhere is a 400 naming the field by its path (e.g.
 * {@code events[2]}), so no service needs a check of its own and nothing is written.
 */
@ControllerAdvice(basePackages = "com.verk.server")
class StorableTextBodyAdvice extends RequestBodyAdviceAdapter {

  @Override
  public boolean supports(
      MethodParameter parameter,
      Type targetType,
      Class<? extends HttpMessageConverter<?>> converterType) {
    return true;
  }

  @Override
  public Object afterBodyRead(
      Object body,
      HttpInputMessage inputMessage,
      MethodParameter parameter,
      Type targetType,
      Class<? extends HttpMessageConverter<?>> converterType) {
    check(body, "body");
    return body;
  }

  static void check(Object value, String path) {
    if (value == null) {
      return;
    }
    if (value instanceof String text) {
      StorableText.require(path, text);
    } else if (value instanceof JsonNode node) {
      checkNode(node, path);
    } else if (value instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        check(item, path + "[" + i++ + "]");
      }
    } else if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String name = child(path, String.valueOf(e.getKey()));
        StorableText.require(name, String.valueOf(e.getKey()));
        check(e.getValue(), name);
      }
    } else if (value.getClass().isRecord()) {
      for (RecordComponent component : value.getClass().getRecordComponents()) {
        check(read(component.getAccessor(), value), child(path, component.getName()));
      }
    }
  }

  private static void checkNode(JsonNode node, String path) {
    if (node.isString()) {
      StorableText.require(path, node.stringValue());
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        checkNode(node.get(i), path + "[" + i + "]");
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String name = child(path, e.getKey());
        StorableText.require(name, e.getKey());
        checkNode(e.getValue(), name);
      }
    }
  }

  private static String child(String path, String name) {
    return "body".equals(path) ? name : path + "." + name;
  }

  private static Object read(Method accessor, Object record) {
    try {
      accessor.setAccessible(true);
      return accessor.invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot read " + accessor, e);
    }
  }
}
