package dev.almanac.processes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.operaton.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.util.xml.Element;

/**
 * For engine plugins that read the procedure while it is parsed: a BPMN element's extension
 * properties, and where to hook in.
 */
public final class StepProperties {

    private StepProperties() {}

    /** The {@code operaton:property} name/value pairs of an element (empty when it has none). */
    public static Map<String, String> of(Element element) {
        Map<String, String> result = new HashMap<>();
        Element extensions = element.element("extensionElements");
        if (extensions == null) {
            return result;
        }
        for (Element properties : extensions.elements()) {
            if ("properties".equals(properties.getTagName())) {
                for (Element property : properties.elements()) {
                    if ("property".equals(property.getTagName())
                            && property.attribute("name") != null) {
                        result.put(property.attribute("name"), property.attribute("value"));
                    }
                }
            }
        }
        return result;
    }

    /**
     * Adds a listener that runs after the engine's own parsing, next to the ones other plugins
     * added.
     */
    public static void afterParsing(
            ProcessEngineConfigurationImpl configuration, BpmnParseListener listener) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners();
        if (listeners == null) {
            listeners = new ArrayList<>();
            configuration.setCustomPostBPMNParseListeners(listeners);
        }
        listeners.add(listener);
    }
}
