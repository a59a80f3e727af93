package dev.almanac.processes.safety;

import jakarta.el.ArrayELResolver;
import jakarta.el.BeanELResolver;
import jakarta.el.CompositeELResolver;
import jakarta.el.ELResolver;
import jakarta.el.ListELResolver;
import jakarta.el.MapELResolver;
import java.util.Map;
import org.operaton.bpm.engine.impl.el.JuelExpressionManager;
import org.operaton.bpm.engine.impl.el.ReadOnlyMapELResolver;
import org.operaton.bpm.engine.impl.el.VariableContextElResolver;
import org.operaton.bpm.engine.impl.el.VariableScopeElResolver;

/**
 * The engine's expression manager with the guard in front and only the published beans behind it:
 * no application context, so {@code ${dataSource}} or {@code ${processEngine}} resolve to nothing.
 */
final class GuardedExpressionManager extends JuelExpressionManager {

    GuardedExpressionManager(Map<Object, Object> beans) {
        super(beans);
    }

    @Override
    protected ELResolver createElResolver() {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new ExpressionGuard());
        resolver.add(new VariableScopeElResolver());
        resolver.add(new VariableContextElResolver());
        if (beans != null) {
            resolver.add(new ReadOnlyMapELResolver(beans));
        }
        resolver.add(new ArrayELResolver(true));
        resolver.add(new ListELResolver(true));
        resolver.add(new MapELResolver(true));
        resolver.add(new BeanELResolver(true));
        return resolver;
    }
}
