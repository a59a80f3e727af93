package dev.almanac.processes.safety;

import java.util.Optional;
import org.operaton.bpm.impl.juel.AstBracket;
import org.operaton.bpm.impl.juel.AstDot;
import org.operaton.bpm.impl.juel.AstFunction;
import org.operaton.bpm.impl.juel.AstIdentifier;
import org.operaton.bpm.impl.juel.AstMethod;
import org.operaton.bpm.impl.juel.AstProperty;
import org.operaton.bpm.impl.juel.AstString;
import org.operaton.bpm.impl.juel.Builder;
import org.operaton.bpm.impl.juel.Node;
import org.operaton.bpm.impl.juel.TreeBuilderException;

/**
 * Reads an expression before it is deployed and says what in it is not published: it parses the
 * expression as the engine will, then checks every method call and property on the way from its
 * identifiers. At deployment only names are known, so a variable may be any plain value; the guard
 * checks the actual objects when the expression runs.
 */
final class ExpressionReview {

    private enum Kind {
        BEAN,
        CONTEXT,
        VALUE
    }

    private ExpressionReview() {}

    /** What is wrong with the expression, or empty if it only uses what is published. */
    static Optional<String> problemOf(String expression) {
        try {
            Node root = new Builder(Builder.Feature.METHOD_INVOCATIONS).build(expression).getRoot();
            kindOf(root);
            return Optional.empty();
        } catch (TreeBuilderException e) {
            return Optional.of("cannot be read as an expression (" + e.getMessage() + ")");
        } catch (Refused e) {
            return Optional.of(e.getMessage());
        }
    }

    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private static Kind kindOf(Node node) {
        if (node instanceof AstIdentifier identifier) {
            String name = identifier.getName();
            if (PublishedApi.NEVER.contains(name)) {
                throw new Refused("names '" + name + "'");
            }
            return PublishedApi.BEANS.containsKey(name)
                    ? Kind.BEAN
                    : PublishedApi.CONTEXTS.contains(name) ? Kind.CONTEXT : Kind.VALUE;
        }
        if (node instanceof AstFunction function) {
            if (!PublishedApi.FUNCTIONS.contains(function.getName())) {
                throw new Refused(
                        "calls the function '"
                                + function.getName()
                                + "', which is not one of "
                                + new java.util.TreeSet<>(PublishedApi.FUNCTIONS));
            }
            children(node);
            return Kind.VALUE;
        }
        if (node instanceof AstMethod method) {
            AstProperty property = (AstProperty) method.getChild(0);
            member(property, true);
            kindOfChildrenAfterFirst(method);
            return Kind.VALUE;
        }
        if (node instanceof AstProperty property) {
            member(property, false);
            return Kind.VALUE;
        }
        children(node);
        return Kind.VALUE;
    }

    private static void member(AstProperty property, boolean call) {
        Kind base = kindOf(property.getChild(0));
        String name = nameOf(property);
        String what = call ? "calls '" + name + "'" : "reads '" + name + "'";
        if (name == null) {
            if (call || base != Kind.VALUE) {
                throw new Refused("uses a computed name on an object; name the member");
            }
            kindOf(property.getChild(1));
            return;
        }
        if (PublishedApi.NEVER.contains(name)) {
            throw new Refused(what + ", which reaches Java classes");
        }
        switch (base) {
            case BEAN -> {
                if (!call) {
                    throw new Refused(what + " of a bean; call one of its published methods");
                }
                String bean = beanName(property.getChild(0));
                if (!PublishedApi.methodsOf(bean).contains(name)) {
                    throw new Refused(
                            what
                                    + " on the bean '"
                                    + bean
                                    + "', which publishes only "
                                    + PublishedApi.methodsOf(bean));
                }
            }
            case CONTEXT -> {
                boolean allowed =
                        call
                                ? PublishedApi.CONTEXT_METHODS.contains(name)
                                : PublishedApi.CONTEXT_PROPERTIES.contains(name);
                if (!allowed) {
                    throw new Refused(
                            what
                                    + " on the execution; it offers only its variables ("
                                    + "getVariable, setVariable, hasVariable) and plain facts");
                }
            }
            case VALUE -> {
                if (call && !PublishedApi.anyValueMethod(name)) {
                    throw new Refused(what + ", which is not a method of a plain value");
                }
            }
        }
    }

    private static String beanName(Node node) {
        return ((AstIdentifier) node).getName();
    }

    /** A member's name: a dot's name, a bracket's literal text, or null if computed. */
    private static String nameOf(AstProperty property) {
        if (property instanceof AstDot) {
            String text = property.toString();
            return text.startsWith(". ") ? text.substring(2) : text;
        }
        if (property instanceof AstBracket && property.getChild(1) instanceof AstString literal) {
            String text = literal.toString();
            return text.length() >= 2 ? text.substring(1, text.length() - 1) : text;
        }
        return null;
    }

    private static void children(Node node) {
        for (int i = 0; i < node.getCardinality(); i++) {
            kindOf(node.getChild(i));
        }
    }

    private static void kindOfChildrenAfterFirst(Node node) {
        for (int i = 1; i < node.getCardinality(); i++) {
            kindOf(node.getChild(i));
        }
    }
}
