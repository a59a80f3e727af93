package dev.almanac.communications;

import static dev.almanac.communications.StakeholderRole.APPROVER;
import static dev.almanac.communications.StakeholderRole.CONSUMER;
import static dev.almanac.communications.StakeholderRole.LEADERSHIP;
import static dev.almanac.communications.StakeholderRole.ON_CALL;
import static dev.almanac.communications.StakeholderRole.OWNER;
import static dev.almanac.communications.StakeholderRole.RISK;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Every kind of notice Almanac sends, the stakeholder roles it goes to, and how people get it
 * unless they choose otherwise. Approvals and overdue tasks also go to the members of the task's
 * groups.
 */
public enum NoticeType {
    APPROVAL_NEEDED("approval-needed", "Approval needed", Set.of(APPROVER), Delivery.IMMEDIATE),
    TASK_OVERDUE("task-overdue", "Task overdue", Set.of(OWNER, APPROVER), Delivery.IMMEDIATE),
    STEP_COMPLETED("step-completed", "Step completed", Set.of(OWNER, CONSUMER), Delivery.DIGEST),
    GATE_HALTED("gate-halted", "Gate halted", Set.of(OWNER, APPROVER, RISK), Delivery.IMMEDIATE),
    MILESTONE_SLIPPED(
            "milestone-slipped",
            "Milestone slipped",
            Set.of(OWNER, CONSUMER, LEADERSHIP),
            Delivery.IMMEDIATE),
    CAPACITY_CONFLICT(
            "capacity-conflict",
            "Capacity conflict",
            Set.of(OWNER, LEADERSHIP, ON_CALL),
            Delivery.IMMEDIATE),
    FREEZE_STARTED(
            "freeze-started",
            "Freeze started",
            Set.of(OWNER, ON_CALL, CONSUMER),
            Delivery.IMMEDIATE),
    FREEZE_ENDED(
            "freeze-ended", "Freeze ended", Set.of(OWNER, ON_CALL, CONSUMER), Delivery.IMMEDIATE),
    RELEASE_DEPLOYED(
            "release-deployed",
            "Release deployed",
            Set.of(OWNER, CONSUMER, LEADERSHIP, ON_CALL),
            Delivery.IMMEDIATE),
    ROLLBACK(
            "rollback",
            "Rollback",
            Set.of(OWNER, CONSUMER, LEADERSHIP, ON_CALL),
            Delivery.IMMEDIATE),
    OVERRIDE_GRANTED(
            "override-granted", "Override granted", Set.of(LEADERSHIP, RISK), Delivery.IMMEDIATE),
    PLANNED_COMMUNICATION(
            "planned-communication",
            "Milestone communication",
            Set.of(OWNER, CONSUMER, LEADERSHIP),
            Delivery.IMMEDIATE),
    RELEASE_NOTES(
            "release-notes",
            "Release notes published",
            Set.of(OWNER, CONSUMER, LEADERSHIP, ON_CALL),
            Delivery.IMMEDIATE),
    DIGEST("digest", "Weekly digest", Set.of(), Delivery.IMMEDIATE);

    private final String code;
    private final String label;
    private final Set<StakeholderRole> roles;
    private final Delivery byDefault;

    NoticeType(String code, String label, Set<StakeholderRole> roles, Delivery byDefault) {
        this.code = code;
        this.label = label;
        this.roles = roles;
        this.byDefault = byDefault;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public Set<StakeholderRole> roles() {
        return roles;
    }

    public Delivery byDefault() {
        return byDefault;
    }

    /** The types a person can choose for (the digest itself is not one). */
    public boolean choosable() {
        return this != DIGEST;
    }

    public static Optional<NoticeType> ofCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }
}
