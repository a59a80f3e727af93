package dev.almanac.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.almanac.pipelines.PipelineTokens;
import dev.almanac.support.AuthorizationMatrix;
import dev.almanac.support.MySqlApplicationContext;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The authorization matrix on MySQL/MariaDB, where the authorizations are created the same way. */
class MySqlAuthorizationMatrixTest extends MySqlApplicationContext {

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;
    @Autowired PipelineTokens tokens;

    @Autowired org.springframework.web.context.WebApplicationContext context;

    @Test
    void everyEndpointOfOursAnswersEveryCallerAsThePolicySays() throws Exception {
        assertThat(new dev.almanac.support.PolicyMatrix(context).problems()).isEmpty();
    }

    @Test
    void everyRoleGetsTheMatrixAnswerFromEveryEngineRestFamily() throws Exception {
        AuthorizationMatrix matrix = new AuthorizationMatrix(port, engine, tokens, ADMIN_PASSWORD);
        matrix.verify();
        assertThat(matrix.applications()).isEqualTo(AuthorizationMatrix.APPLICATIONS);
        assertThat(matrix.cockpitApi()).isEqualTo(AuthorizationMatrix.COCKPIT_API);
    }
}
