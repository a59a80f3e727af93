package dev.almanac.governance;

import java.time.Instant;
import java.util.Map;

/**
 * A decision to put on the record.
 *
 * @param kind approval, rejection, gate decision, override, reschedule or scenario applied
 * @param releaseKey the release it is about, or null for one spanning several
 * @param subject what was decided on ("Risk review", "Promotion gate", "Scenario Q1 freeze")
 * @param outcome the decision itself ("approve", "halt", "override granted until 2026-12-31")
 * @param by who decided (a person, or the engine for a DMN gate)
 * @param at when
 * @param rationale why, in their words
 * @param basis the metrics or dates it was based on, kept as they were then
 * @param scenarioToken the scenario applied, if any
 */
public record Decision(
        DecisionKind kind,
        String releaseKey,
        String subject,
        String outcome,
        String by,
        Instant at,
        String rationale,
        Map<String, ?> basis,
        String scenarioToken) {}
