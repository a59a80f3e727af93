package dev.almanac.communications;

import java.util.List;
import java.util.Map;

/**
 * A notice to raise.
 *
 * @param sourceKey what caused it, unique: raising the same source twice sends nothing new
 * @param type the type, which decides the stakeholder roles it goes to
 * @param releaseKey the release it is about (its model and product line pick the stakeholders), or
 *     null
 * @param productLine for notices about no one release: the product line it concerns (null: every
 *     one)
 * @param model for notices about no one release: the model it concerns
 * @param subject one line
 * @param body plain text, a few lines
 * @param link where to act or read more (a path in Almanac)
 * @param payload the facts as data, for webhooks
 * @param groups engine groups whose members are told too (the candidate groups of a task)
 */
public record NoticeDraft(
        String sourceKey,
        NoticeType type,
        String releaseKey,
        String productLine,
        String model,
        String subject,
        String body,
        String link,
        Map<String, Object> payload,
        List<String> groups) {

    public static NoticeDraft about(
            String sourceKey,
            NoticeType type,
            String releaseKey,
            String subject,
            String body,
            String link,
            Map<String, Object> payload) {
        return new NoticeDraft(
                sourceKey, type, releaseKey, null, null, subject, body, link, payload, List.of());
    }

    public NoticeDraft toGroups(List<String> groups) {
        return new NoticeDraft(
                sourceKey,
                type,
                releaseKey,
                productLine,
                model,
                subject,
                body,
                link,
                payload,
                groups);
    }
}
