package com.verk.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The API answers records: a map would reach the OpenAPI document as a schema-less object. */
class ApiTypesTest {

  @Test
  void no_api_operation_answers_a_map() throws ClassNotFoundException {
    ClassPathScanningCandidateComponentProvider scanner =
        new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
    List<String> operations = new ArrayList<>();
    List<String> maps = new ArrayList<>();
    for (BeanDefinition bean : scanner.findCandidateComponents("com.verk.server")) {
      for (Method method : Class.forName(bean.getBeanClassName()).getDeclaredMethods()) {
        if (AnnotatedElementUtils.hasAnnotation(method, RequestMapping.class)) {
          operations.add(method.toString());
          if (mentionsMap(method.getGenericReturnType())) {
            maps.add(method.toString());
          }
        }
      }
    }

    assertThat(operations).hasSizeGreaterThan(30);
    assertThat(maps).isEmpty();
  }

  private static boolean mentionsMap(Type type) {
    if (type instanceof Class<?> c) {
      return Map.class.isAssignableFrom(c);
    }
    if (type instanceof ParameterizedType p) {
      if (mentionsMap(p.getRawType())) {
        return true;
      }
      for (Type argument : p.getActualTypeArguments()) {
        if (mentionsMap(argument)) {
          return true;
        }
      }
    }
    return false;
  }
}
