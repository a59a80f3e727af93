package dev.almanac.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.almanac.pipelines.PipelineTokens;
import dev.almanac.support.AuthorizationMatrix;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The authorization matrix on the embedded H2 database (the MySQL run is its twin). */
// one application context for every test class: the engine-rest API finds its engine by name,
// JVM-wide
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
class AuthorizationMatrixTest {

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;
    @Autowired PipelineTokens tokens;

    @Value("${almanac.admin.password}")
    String adminPassword;

    @Autowired org.springframework.web.context.WebApplicationContext context;

    @Test
    void everyEndpointOfOursAnswersEveryCallerAsThePolicySays() throws Exception {
        assertThat(new dev.almanac.support.PolicyMatrix(context).problems()).isEmpty();
    }

    @Test
    void everyRoleGetsTheMatrixAnswerFromEveryEngineRestFamily() throws Exception {
        AuthorizationMatrix matrix = new AuthorizationMatrix(port, engine, tokens, adminPassword);
        matrix.verify();
        assertThat(matrix.applications()).isEqualTo(AuthorizationMatrix.APPLICATIONS);
        assertThat(matrix.cockpitApi()).isEqualTo(AuthorizationMatrix.COCKPIT_API);
    }
}
