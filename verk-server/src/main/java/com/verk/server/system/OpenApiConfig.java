package com.verk.server.system;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at /v3/api-docs (browsable at /swagger-ui.html): bearer API keys, the scope
 * each operation needs, its problem responses. docs/openapi.json is a copy that a test keeps equal.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

  @Bean
  OpenAPI verkOpenApi() {
    Components components =
        new Components()
            .addSecuritySchemes(
                OpenApiDocs.BEARER,
                new SecurityScheme()
                    .type(SecurityScheme.Type.HTTP)
                    .scheme("bearer")
                    .description(
                        "An API key (vk_...) or, on /admin/v1, the operator token. Operations name"
                            + " the scope the key needs: webhooks:read, webhooks:write,"
                            + " workspace:read, workspace:write, keys:write (write implies"
                            + " read)."));
    ModelConverters.getInstance().readAll(Problem.class).forEach(components::addSchemas);
    return new OpenAPI()
        .info(
            new Info()
                .title("Verk Webhooks API")
                .version("v1")
                .description(
                    "Manage webhook subscriptions, API keys and the event catalog of Verk. Every"
                        + " /v1 call takes 'Authorization: Bearer <API key>'; errors are"
                        + " application/problem+json with a stable 'code'."))
        .servers(List.of(new Server().url("/").description("This server")))
        .components(components)
        .addSecurityItem(new SecurityRequirement().addList(OpenApiDocs.BEARER));
  }

  @Bean
  OperationCustomizer problemResponses() {
    return OpenApiDocs::addProblems;
  }

  @Bean
  OpenApiCustomizer responseFieldsRequired() {
    return OpenApiDocs::requireResponseFields;
  }
}
