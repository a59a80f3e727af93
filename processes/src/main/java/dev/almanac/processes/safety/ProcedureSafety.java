package dev.almanac.processes.safety;

import java.util.ArrayList;
import java.util.Map;
import org.operaton.bpm.engine.ProcessEngineException;
import org.operaton.bpm.engine.delegate.Expression;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.scripting.ExecutableScript;
import org.operaton.bpm.engine.impl.scripting.ScriptFactory;

/**
 * Keeps procedures from running code on the server, in three layers: every deployment is reviewed
 * ({@link DeploymentReview}), the expression manager reaches only the published beans, variables
 * and plain values ({@link PublishedApi}), and the engine creates no scripts at all.
 */
public class ProcedureSafety extends AbstractProcessEnginePlugin {

    private final Map<Object, Object> beans;

    /**
     * @param beans the published beans by name, as {@link PublishedApi#BEANS} lists them; null to
     *     take the configuration's own beans (a standalone engine)
     */
    public ProcedureSafety(Map<Object, Object> beans) {
        this.beans = beans;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPreDeployers() == null) {
            configuration.setCustomPreDeployers(new ArrayList<>());
        }
        configuration.getCustomPreDeployers().add(new DeploymentReview());
        Map<Object, Object> published = beans != null ? beans : configuration.getBeans();
        configuration.setExpressionManager(new GuardedExpressionManager(published));
        configuration.setScriptFactory(new NoScripts());
        // expressions in task queries sent over REST: off, as the engine ships it
        configuration.setEnableExpressionsInAdhocQueries(false);
    }

    /** The engine asks it for every script it would compile or run: there are none. */
    static final class NoScripts extends ScriptFactory {

        @Override
        public ExecutableScript createScriptFromResource(String language, String resource) {
            throw refused(language);
        }

        @Override
        public ExecutableScript createScriptFromResource(String language, Expression resource) {
            throw refused(language);
        }

        @Override
        public ExecutableScript createScriptFromSource(String language, String source) {
            throw refused(language);
        }

        @Override
        public ExecutableScript createScriptFromSource(String language, Expression source) {
            throw refused(language);
        }

        private static ProcessEngineException refused(String language) {
            return new ProcessEngineException(
                    "Almanac runs no scripts (here: "
                            + language
                            + "); use an external task (a job worker) or a published bean.");
        }
    }
}
