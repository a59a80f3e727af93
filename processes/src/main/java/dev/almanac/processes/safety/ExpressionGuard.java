package dev.almanac.processes.safety;

import jakarta.el.ELContext;
import jakarta.el.ELException;
import jakarta.el.ELResolver;
import java.util.Map;
import org.operaton.bpm.engine.delegate.VariableScope;

/**
 * First in the engine's resolver chain, it refuses what a procedure has not been given: a method or
 * property of anything but a published bean, the execution's variables and plain values. What it
 * allows, it leaves to the resolvers behind it.
 */
final class ExpressionGuard extends ELResolver {

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        if (base != null && !propertyAllowed(base, property)) {
            throw refused("property '" + property + "'", base);
        }
        return null;
    }

    @Override
    public Object invoke(
            ELContext context, Object base, Object method, Class<?>[] types, Object[] params) {
        String name = String.valueOf(method);
        if (base == null || !methodAllowed(base, name)) {
            throw refused("method '" + name + "'", base);
        }
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        if (base != null) {
            throw refused("assignment to '" + property + "'", base);
        }
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        if (base != null && !propertyAllowed(base, property)) {
            throw refused("property '" + property + "'", base);
        }
        return null;
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return false;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return null;
    }

    static boolean methodAllowed(Object base, String method) {
        if (PublishedApi.NEVER.contains(method)) {
            return false;
        }
        for (Map.Entry<String, Class<?>> bean : PublishedApi.BEANS.entrySet()) {
            if (bean.getValue().isInstance(base)) {
                return PublishedApi.methodsOf(bean.getKey()).contains(method);
            }
        }
        if (base instanceof VariableScope) {
            return PublishedApi.CONTEXT_METHODS.contains(method);
        }
        return PublishedApi.valueMethod(base, method);
    }

    static boolean propertyAllowed(Object base, Object property) {
        if (base instanceof Map<?, ?>
                || base instanceof java.util.List<?>
                || base.getClass().isArray()) {
            // a key or an index, not a getter
            return true;
        }
        if (base instanceof VariableScope) {
            return PublishedApi.CONTEXT_PROPERTIES.contains(String.valueOf(property));
        }
        return false;
    }

    private static ELException refused(String what, Object base) {
        return new ELException(
                "Almanac refuses "
                        + what
                        + (base == null ? "" : " on " + base.getClass().getSimpleName())
                        + ": procedure expressions may call only the published beans, the"
                        + " execution's variables and plain values (see the README, 'Change the"
                        + " procedure').");
    }
}
