package dev.almanac.governance;

import java.util.Optional;

/**
 * Who requested a release and who last changed its plan, as the release's own records say (the plan
 * and its change history), never as process variables say: four-eyes asks this. The releases module
 * answers it.
 */
public interface ReleaseRecord {

    Optional<String> requestedBy(String releaseKey);

    Optional<String> lastChangedBy(String releaseKey);
}
