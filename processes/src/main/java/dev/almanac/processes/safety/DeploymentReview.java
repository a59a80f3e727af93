package dev.almanac.processes.safety;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.operaton.bpm.engine.ParseException;
import org.operaton.bpm.engine.Problem;
import org.operaton.bpm.engine.impl.persistence.deploy.Deployer;
import org.operaton.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.operaton.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Deployments are code review, not code execution: before the engine parses a deployment (new, or
 * read back from the database into its cache) this reads every resource and refuses scripts, Java
 * classes, delegate expressions and expressions that reach beyond what {@link PublishedApi}
 * publishes, naming the resource and the element. Only BPMN, DMN and form-js forms are deployed.
 */
final class DeploymentReview implements Deployer {

    static final String BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{");
    private static final Pattern FEEL_EXTERNAL = Pattern.compile("\\bexternal\\b");
    private static final Set<String> FEEL =
            Set.of(
                    "feel",
                    "http://www.omg.org/spec/feel/20140401",
                    "https://www.omg.org/spec/dmn/20191111/feel",
                    "https://www.omg.org/spec/dmn/20230324/feel",
                    "http://www.omg.org/spec/dmn/20180521/feel/");

    /** Refused by its local name in any namespace: what runs code. */
    private static final Set<String> SCRIPT_ELEMENTS = Set.of("scriptTask", "script");

    private static final Set<String> CLASS_ATTRIBUTES = Set.of("class", "variableMappingClass");
    private static final Set<String> DELEGATE_ATTRIBUTES =
            Set.of("delegateExpression", "variableMappingDelegateExpression");

    @Override
    public void deploy(DeploymentEntity deployment) {
        List<Finding> problems = new ArrayList<>();
        for (ResourceEntity resource : deployment.getResources().values()) {
            problems.addAll(findingsOf(resource.getName(), resource.getBytes()));
        }
        if (!problems.isEmpty()) {
            throw new DeploymentRefused(
                    problems,
                    "Almanac refuses the deployment"
                            + (deployment.getName() == null
                                    ? ""
                                    : " '" + deployment.getName() + "'")
                            + ": "
                            + String.join("; ", problems.stream().map(Finding::text).toList())
                            + ". Procedures may call only the published beans, the execution's"
                            + " variables and plain values (see the README, 'Change the procedure').");
        }
    }

    /** The problems of one resource, each naming it and the element. */
    static List<String> problemsOf(String name, byte[] bytes) {
        return findingsOf(name, bytes).stream().map(Finding::text).toList();
    }

    /** One thing refused: what, in which resource, at which element. */
    record Finding(String resource, String elementId, String text) implements Problem {

        @Override
        public String getMessage() {
            return text;
        }

        @Override
        public int getLine() {
            return 0;
        }

        @Override
        public int getColumn() {
            return 0;
        }

        @Override
        public String getMainElementId() {
            return elementId;
        }

        @Override
        public List<String> getElementIds() {
            return elementId == null ? List.of() : List.of(elementId);
        }
    }

    static List<Finding> findingsOf(String name, byte[] bytes) {
        String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
        List<Finding> problems = new ArrayList<>();
        if (lower.endsWith(".form")) {
            return problems;
        }
        boolean bpmn = lower.endsWith(".bpmn") || lower.endsWith(".bpmn20.xml");
        boolean dmn = lower.endsWith(".dmn") || lower.endsWith(".dmn11.xml");
        if (!bpmn && !dmn) {
            problems.add(
                    new Finding(
                            name,
                            null,
                            name
                                    + ": only BPMN, DMN and form-js (.form) resources may be deployed"));
            return problems;
        }
        Element root;
        try {
            root = parse(bytes).getDocumentElement();
        } catch (Exception e) {
            problems.add(
                    new Finding(
                            name, null, name + ": cannot be read as XML (" + e.getMessage() + ")"));
            return problems;
        }
        walk(name, root, dmn, null, problems);
        return problems;
    }

    private static void walk(
            String resource,
            Element element,
            boolean dmn,
            String inherited,
            List<Finding> problems) {
        String local = localName(element);
        String language = inherited;
        if (dmn && element.hasAttribute("expressionLanguage")) {
            language = element.getAttribute("expressionLanguage").toLowerCase(Locale.ROOT);
        }
        if (SCRIPT_ELEMENTS.contains(local)) {
            problems.add(finding(resource, element, " is a script"));
        }
        if ("connector".equals(local) && !BPMN_NS.equals(element.getNamespaceURI())) {
            problems.add(finding(resource, element, " is a connector"));
        }
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            attribute(resource, element, attribute, dmn, problems);
        }
        if (dmn && "text".equals(local)) {
            dmnText(resource, element, language, problems);
        }
        if (!dmn
                && "property".equals(local)
                && dev.almanac.processes.MessageContract.PROPERTY.equals(
                        element.getAttribute("name"))) {
            try {
                dev.almanac.processes.MessageContract.parse(element.getAttribute("value"));
            } catch (IllegalArgumentException e) {
                problems.add(
                        finding(
                                resource,
                                element,
                                " declares the variables its message carries wrongly: "
                                        + e.getMessage()));
            }
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element childElement) {
                walk(resource, childElement, dmn, language, problems);
            } else if (!dmn
                    && (child.getNodeType() == Node.TEXT_NODE
                            || child.getNodeType() == Node.CDATA_SECTION_NODE)) {
                expression(resource, element, child.getNodeValue(), problems);
            }
        }
    }

    private static void attribute(
            String resource, Element element, Attr attribute, boolean dmn, List<Finding> problems) {
        String name =
                attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
        String value = attribute.getValue();
        boolean extension =
                attribute.getNamespaceURI() != null
                        && !BPMN_NS.equals(attribute.getNamespaceURI())
                        && !XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI());
        boolean unqualifiedOnExtension =
                attribute.getNamespaceURI() == null
                        && element.getNamespaceURI() != null
                        && !BPMN_NS.equals(element.getNamespaceURI());
        if (extension || unqualifiedOnExtension) {
            if (CLASS_ATTRIBUTES.contains(name)) {
                problems.add(finding(resource, element, " names the Java class '" + value + "'"));
                return;
            }
            if (DELEGATE_ATTRIBUTES.contains(name)) {
                problems.add(
                        finding(
                                resource,
                                element,
                                " delegates to '"
                                        + value
                                        + "'; Almanac publishes no delegate beans: use an external task"
                                        + " (a job worker) or a published bean in an expression"));
                return;
            }
            if ("scriptFormat".equals(name) || "resource".equals(name)) {
                problems.add(finding(resource, element, " is a script"));
                return;
            }
        }
        if ("language".equals(name) && !dmn) {
            problems.add(finding(resource, element, " is a script condition ('" + value + "')"));
            return;
        }
        if (dmn && "expressionLanguage".equals(name) && !isFeel(value) && !isJuel(value)) {
            problems.add(
                    finding(
                            resource,
                            element,
                            " is written in the script language '" + value + "'"));
            return;
        }
        expression(resource, element, value, problems);
    }

    private static void dmnText(
            String resource, Element element, String language, List<Finding> problems) {
        String text = element.getTextContent();
        if (text == null || text.isBlank()) {
            return;
        }
        if (language == null || isFeel(language)) {
            if (FEEL_EXTERNAL.matcher(text).find()) {
                problems.add(
                        finding(resource, element, " defines an external (Java) FEEL function"));
            }
            return;
        }
        if (isJuel(language)) {
            expression(
                    resource,
                    element,
                    EXPRESSION.matcher(text).find() ? text : "${" + text + "}",
                    problems);
        }
    }

    private static void expression(
            String resource, Element element, String text, List<Finding> problems) {
        if (text == null || !EXPRESSION.matcher(text).find()) {
            return;
        }
        ExpressionReview.problemOf(text.trim())
                .ifPresent(
                        problem ->
                                problems.add(
                                        finding(
                                                resource,
                                                element,
                                                ": the expression "
                                                        + text.trim()
                                                        + " "
                                                        + problem)));
    }

    private static boolean isFeel(String language) {
        return FEEL.contains(language.toLowerCase(Locale.ROOT));
    }

    private static boolean isJuel(String language) {
        return "juel".equalsIgnoreCase(language);
    }

    /** "model-release.bpmn, element 'risk-review' (userTask)" by the nearest element with an id. */
    private static String at(String resource, Element element) {
        Element named = element;
        while (named != null && !named.hasAttribute("id")) {
            named = named.getParentNode() instanceof Element parent ? parent : null;
        }
        String local = localName(element);
        if (named == null) {
            return resource + ", element " + local;
        }
        String where = localName(named);
        return resource
                + ", element '"
                + named.getAttribute("id")
                + "' ("
                + where
                + (named == element ? "" : ", its " + local)
                + ")";
    }

    private static String localName(Element element) {
        return element.getLocalName() == null ? element.getTagName() : element.getLocalName();
    }

    private static org.w3c.dom.Document parse(byte[] bytes) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(bytes == null ? new byte[0] : bytes));
    }

    private static Finding finding(String resource, Element element, String what) {
        return new Finding(resource, idOf(element), at(resource, element) + what);
    }

    private static String idOf(Element element) {
        for (Element named = element; named != null; ) {
            if (named.hasAttribute("id")) {
                return named.getAttribute("id");
            }
            named = named.getParentNode() instanceof Element parent ? parent : null;
        }
        return null;
    }

    /**
     * A deployment Almanac refuses: a parse error, so the engine's REST API (and Cockpit) answer
     * 400 with the message and the elements.
     */
    static final class DeploymentRefused extends ParseException {
        DeploymentRefused(List<Finding> problems, String message) {
            super(message, problems.get(0).resource(), new ArrayList<Problem>(problems), List.of());
        }
    }
}
