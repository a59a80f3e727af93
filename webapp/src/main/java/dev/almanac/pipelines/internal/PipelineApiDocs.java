package dev.almanac.pipelines.internal;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PipelineApiDocs {

    @Bean
    OpenAPI pipelineApiDescription() {
        return new OpenAPI()
                .info(
                        new Info()
                                .title("Almanac pipeline API")
                                .version("v1")
                                .description(
                                        "How ML pipelines plan releases and move them along. Errors are application/problem+json "
                                                + "with the field at fault in 'field'."))
                .components(
                        new Components()
                                .addSecuritySchemes(
                                        "pipelineToken",
                                        new SecurityScheme()
                                                .type(SecurityScheme.Type.HTTP)
                                                .scheme("bearer")
                                                .description(
                                                        "A token issued under /admin/tokens")));
    }
}
