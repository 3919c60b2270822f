package com.verk.server.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at /v3/api-docs (browsable at /swagger-ui.html): bearer API keys. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

  static final String BEARER = "apiKey";

  @Bean
  OpenAPI verkOpenApi() {
    String version = OpenApiConfig.class.getPackage().getImplementationVersion();
    return new OpenAPI()
        .info(
            new Info()
                .title("Verk Webhooks API")
                .version(version == null ? "dev" : version)
                .description(
                    "Manage webhook subscriptions, API keys and the event catalog of Verk. Every"
                        + " /v1 call takes 'Authorization: Bearer <API key>'; errors are"
                        + " application/problem+json with a stable 'code'."))
        .components(
            new Components()
                .addSecuritySchemes(
                    BEARER,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("An API key (vk_...) or, on /admin/v1, the operator token")))
        .addSecurityItem(new SecurityRequirement().addList(BEARER));
  }
}
