package dev.almanac.releases;

import dev.almanac.planning.Lane;
import java.util.Set;

/**
 * Which releases a list shows, filtered in the database: each field null for any. A {@code scope}
 * limits the list to some models (a pipeline token's), null for every model.
 *
 * @param model the model's key
 * @param productLine the models of this product line
 * @param lane the lane
 * @param status planned (not started), running or ended
 * @param step an activity a running release is at now, like {@code risk-review}
 * @param ownerTeam the owning team
 * @param scope the models the caller may see, or null for all
 */
public record ReleaseFilter(
        String model,
        String productLine,
        Lane lane,
        Status status,
        String step,
        String ownerTeam,
        Set<String> scope) {

    public static final ReleaseFilter ALL =
            new ReleaseFilter(null, null, null, null, null, null, null);

    public enum Status {
        PLANNED,
        RUNNING,
        ENDED;

        public String value() {
            return name().toLowerCase();
        }
    }

    public ReleaseFilter within(Set<String> models) {
        return new ReleaseFilter(model, productLine, lane, status, step, ownerTeam, models);
    }
}
