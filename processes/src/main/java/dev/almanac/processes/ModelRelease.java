package dev.almanac.processes;

import java.util.Set;

/**
 * The names the {@code model-release} procedure shares with Java: process id, messages, topics,
 * BPMN errors and variables. The BPMN file is the source of the steps; these are only its
 * vocabulary.
 */
public final class ModelRelease {

    public static final String PROCESS_ID = "model-release";
    public static final String BPMN_RESOURCE = "bpmn/model-release.bpmn";
    public static final String[] DMN_RESOURCES = {
        "dmn/promotion-gate.dmn", "dmn/required-signoffs.dmn"
    };

    /** Extension property on every activity: how long the step is planned to take (ISO-8601). */
    public static final String PLANNED_DURATION = "plannedDuration";

    /**
     * Extension property on an activity: the calendar milestone it belongs to (Data readiness,
     * Training, ...).
     */
    public static final String MILESTONE = "milestone";

    /**
     * Extension property ("true") on the activity whose end the release's target date is about:
     * deploy.
     */
    public static final String RELEASE_TARGET = "releaseTarget";

    /**
     * Extension property on an "Wait for upstream" receive task: the step its gateway holds until
     * the step's dependencies are met. Only these steps can be the downstream end of a dependency.
     */
    public static final String UPSTREAM_FOR = "upstreamFor";

    /**
     * Extension property on an activity: what it needs of shared resources while it runs, as {@code
     * resource:amount} pairs separated by commas ("gpus:8", "risk-officers:1"). Units held or
     * effort spent depends on the resource. Models and releases can override it in Almanac.
     */
    public static final String NEEDS = "needs";

    /**
     * Extension properties on a user task that decides something: the variable holding the decision
     * and the one holding its rationale. Completing it writes an entry to the decision log.
     */
    public static final String DECISION_VARIABLE = "decisionVariable";

    public static final String RATIONALE_VARIABLE = "rationaleVariable";

    /** Extension property ("true") on a user task that approves a gate: four-eyes applies to it. */
    public static final String FOUR_EYES = "fourEyes";

    /**
     * Extension property on a user task that grants an override ("gate" or "freeze"): it needs a
     * reason and an expiry.
     */
    public static final String OVERRIDE = "override";

    /**
     * Extension property ("true") on a business rule task whose result is a gate decision for the
     * log.
     */
    public static final String GATE = "gate";

    /**
     * Extension property ("true") on the retrospective: its actions become open items of the
     * model's next release.
     */
    public static final String RETROSPECTIVE = "retrospective";

    /**
     * Extension properties naming the notice an activity raises when it starts or ends (rollback,
     * release-deployed).
     */
    public static final String NOTIFY_ON_START = "notifyOnStart";

    public static final String NOTIFY_ON_END = "notifyOnEnd";

    /**
     * Extension property ("true") on the outgoing flow of a decision that the calendar expects a
     * release to take.
     */
    public static final String EXPECTED_FLOW = "expected";

    private ModelRelease() {}

    public static final class Messages {
        public static final String DATA_READY = "data-ready";
        public static final String TRAINING_FINISHED = "training-finished";

        /** Sent by Almanac to a release waiting for upstream: check the dependencies again. */
        public static final String UPSTREAM_READY = "upstream-ready";

        /**
         * Sent by Almanac when someone asks to deploy through a freeze: opens the override task.
         */
        public static final String FREEZE_OVERRIDE_REQUESTED = "freeze-override-requested";

        private Messages() {}
    }

    public static final class Topics {
        public static final String DATA_READINESS = "data-readiness";
        public static final String TRAINING_TRIGGER = "training-trigger";
        public static final String VALIDATION_METRICS = "validation-metrics";
        public static final String DEPLOY = "deploy";
        public static final String POST_DEPLOY_CHECK = "post-deploy-check";

        public static final Set<String> ALL =
                Set.of(
                        DATA_READINESS,
                        TRAINING_TRIGGER,
                        VALIDATION_METRICS,
                        DEPLOY,
                        POST_DEPLOY_CHECK);

        private Topics() {}
    }

    /** Error codes of the business outcomes that workers report as BPMN errors. */
    public static final class Errors {
        public static final String DATA_FEED_MISSING = "data-feed-missing";
        public static final String POST_DEPLOY_CHECK_FAILED = "post-deploy-check-failed";

        private Errors() {}
    }

    public static final class Decisions {
        public static final String PROMOTION_GATE = "promotion-gate";
        public static final String REQUIRED_SIGNOFFS = "required-signoffs";

        private Decisions() {}
    }

    /** Process variables. Every form field and every worker result is one of these. */
    public static final class Variables {
        // set when the release starts
        public static final String RELEASE_KEY = "releaseKey";
        public static final String MODEL = "model";
        public static final String VERSION = "version";
        public static final String LANE = "lane";
        public static final String RISK_TIER = "riskTier";
        public static final String OWNER_TEAM = "ownerTeam";
        public static final String TARGET_DATE = "targetDate";
        public static final String DATA_FEEDS = "dataFeeds";

        /**
         * Who asked for the release and who last changed its plan: neither may approve its gates
         * (four-eyes).
         */
        public static final String REQUESTED_BY = "requestedBy";

        public static final String LAST_CHANGED_BY = "lastChangedBy";
        public static final String MONITORING_PERIOD = "monitoringPeriod";
        public static final String RETROSPECTIVE_DELAY = "retrospectiveDelay";
        // data readiness
        public static final String MISSING_FEEDS = "missingFeeds";
        public static final String DATA_RESOLUTION = "dataResolution";
        public static final String DATA_BLOCKER_NOTE = "dataBlockerNote";
        // training
        public static final String TRAINING_RUN_ID = "trainingRunId";
        public static final String MODEL_URI = "modelUri";
        public static final String ACCURACY = "accuracy";
        public static final String LATENCY_P95_MS = "latencyP95Ms";
        public static final String TRAINING_DELAY_NOTE = "trainingDelayNote";
        // validation
        public static final String BASELINE_ACCURACY = "baselineAccuracy";
        public static final String ACCURACY_DELTA = "accuracyDelta";
        public static final String GATE_OUTCOME = "gateOutcome";
        public static final String GATE_REASON = "gateReason";
        public static final String VALIDATION_DECISION = "validationDecision";
        public static final String VALIDATION_RATIONALE = "validationRationale";
        public static final String HALT_DECISION = "haltDecision";
        public static final String STOP_REASON = "stopReason";
        // risk review
        public static final String RISK_DECISION = "riskDecision";
        public static final String RISK_RATIONALE = "riskRationale";
        public static final String REQUIRED_SIGNOFFS = "requiredSignoffs";
        public static final String SIGNOFF = "signoff";
        public static final String SIGNOFF_DECISION = "signoffDecision";
        public static final String SIGNOFF_COMMENT = "signoffComment";
        // deploy
        public static final String DEPLOY_DECISION = "deployDecision";
        public static final String DEPLOY_NOTE = "deployNote";
        public static final String DEPLOYMENT_ID = "deploymentId";
        public static final String HEALTH_FINDING = "healthFinding";
        public static final String ROLLBACK_NOTE = "rollbackNote";
        // retrospective and outcome
        public static final String RETRO_WENT_WELL = "retroWentWell";
        public static final String RETRO_SLIPPED = "retroSlipped";
        public static final String RETRO_ACTIONS = "retroActions";
        public static final String RELEASE_OUTCOME = "releaseOutcome";
        // overrides of a failed gate or a freeze
        public static final String OVERRIDE_DECISION = "overrideDecision";
        public static final String OVERRIDE_REASON = "overrideReason";
        public static final String OVERRIDE_EXPIRY = "overrideExpiry";
        public static final String FREEZE_OVERRIDE_UNTIL = "freezeOverrideUntil";
        public static final String OVERRIDE_REQUESTED_BY = "overrideRequestedBy";
        public static final String OVERRIDE_REQUEST_REASON = "overrideRequestReason";

        private Variables() {}
    }
}
