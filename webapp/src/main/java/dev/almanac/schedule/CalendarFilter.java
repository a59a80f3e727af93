package dev.almanac.schedule;

import dev.almanac.projection.ReleaseState;
import org.springframework.web.util.UriComponentsBuilder;

/** What part of the calendar to show; kept in the URL so a view can be shared. Empty means all. */
public record CalendarFilter(String productLine, String team, String model, String lane) {

    public static final CalendarFilter ALL = new CalendarFilter(null, null, null, null);

    public CalendarFilter {
        productLine = blankToNull(productLine);
        team = blankToNull(team);
        model = blankToNull(model);
        lane = blankToNull(lane);
    }

    public boolean matches(ReleaseState release) {
        return (productLine == null || productLine.equals(release.productLine()))
                && (team == null || team.equals(release.team()))
                && (model == null || model.equals(release.model()))
                && (lane == null || lane.equals(release.lane()));
    }

    /** The filter as query parameters, for links that keep it. */
    public String query() {
        UriComponentsBuilder builder = UriComponentsBuilder.newInstance();
        if (productLine != null) {
            builder.queryParam("productLine", productLine);
        }
        if (team != null) {
            builder.queryParam("team", team);
        }
        if (model != null) {
            builder.queryParam("model", model);
        }
        if (lane != null) {
            builder.queryParam("lane", lane);
        }
        String query = builder.build().encode().getQuery();
        return query == null ? "" : query;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
