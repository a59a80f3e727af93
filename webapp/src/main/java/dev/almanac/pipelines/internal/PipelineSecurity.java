package dev.almanac.pipelines.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.almanac.pipelines.PipelineTokens;
import dev.almanac.pipelines.web.PipelineApiErrors;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /api/v1} takes pipeline tokens only ({@code Authorization: Bearer alm_…}); no sessions, no
 * cookies.
 */
@Configuration(proxyBeanMethods = false)
class PipelineSecurity {

    @Bean
    @Order(0)
    SecurityFilterChain pipelineApi(HttpSecurity http, PipelineTokens tokens, ObjectMapper json)
            throws Exception {
        return http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/api/**"))
                .authorizeHttpRequests(
                        auth -> auth.anyRequest().hasAuthority(Authenticated.PIPELINE))
                .addFilterBefore(
                        new BearerTokenFilter(tokens, json), BasicAuthenticationFilter.class)
                .exceptionHandling(
                        e ->
                                e.authenticationEntryPoint(
                                        (request, response, ex) ->
                                                write(
                                                        response,
                                                        json,
                                                        HttpStatus.UNAUTHORIZED,
                                                        "Send the pipeline's token as 'Authorization: Bearer <token>'; an admin issues tokens under /admin/tokens.")))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .build();
    }

    static void write(
            HttpServletResponse response, ObjectMapper json, HttpStatus status, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setHeader("WWW-Authenticate", "Bearer realm=\"almanac\"");
        json.writeValue(
                response.getOutputStream(),
                PipelineApiErrors.problem(status, "Authorization", detail));
    }

    /** An authenticated pipeline; its principal is the {@link PipelineTokens.Pipeline}. */
    static final class Authenticated extends AbstractAuthenticationToken {

        static final String PIPELINE = "PIPELINE";
        private final PipelineTokens.Pipeline pipeline;

        Authenticated(PipelineTokens.Pipeline pipeline) {
            super(List.of(new SimpleGrantedAuthority(PIPELINE)));
            this.pipeline = pipeline;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return pipeline;
        }
    }

    static final class BearerTokenFilter extends OncePerRequestFilter {

        private final PipelineTokens tokens;
        private final ObjectMapper json;

        BearerTokenFilter(PipelineTokens tokens, ObjectMapper json) {
            this.tokens = tokens;
            this.json = json;
        }

        @Override
        protected void doFilterInternal(
                HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = request.getHeader("Authorization");
            if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                var pipeline = tokens.authenticate(header.substring(7).trim());
                if (pipeline.isEmpty()) {
                    write(
                            response,
                            json,
                            HttpStatus.UNAUTHORIZED,
                            "This token is unknown or revoked.");
                    return;
                }
                SecurityContextHolder.getContext()
                        .setAuthentication(new Authenticated(pipeline.get()));
            }
            chain.doFilter(request, response);
        }
    }
}
