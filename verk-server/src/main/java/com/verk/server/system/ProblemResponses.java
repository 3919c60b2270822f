package com.verk.server.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problem codes an API operation answers beyond those every operation can give (see {@link
 * OpenApiDocs}); the OpenAPI document lists each with its status, {@code application/problem+json}
 * and an example.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ProblemResponses {

  /** Problem codes such as {@code validation_failed}, {@code not_found}, {@code conflict}. */
  String[] value();
}
