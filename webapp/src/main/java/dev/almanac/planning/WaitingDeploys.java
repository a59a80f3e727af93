package dev.almanac.planning;

import java.time.Instant;
import java.util.List;

/**
 * The releases whose deploy waits for a release window right now, so a change of a freeze can be
 * checked against them. The releases module provides it.
 */
public interface WaitingDeploys {

    /** Waiting deploys without a granted freeze override, with when each may deploy now. */
    List<WaitingDeploy> waiting();

    record WaitingDeploy(String releaseKey, String model, String productLine, Instant due) {}
}
