package dev.almanac.releases;

import dev.almanac.planning.Lane;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads a release list's filter from request parameters, the same for the page and the API: a value
 * that is not one the list knows is refused naming the parameter.
 */
public final class ReleaseFilters {

    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,119}");
    private static final Pattern ACTIVITY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,119}");

    private ReleaseFilters() {}

    public static ReleaseFilter parse(
            String model,
            String productLine,
            String lane,
            String status,
            String step,
            String ownerTeam) {
        return new ReleaseFilter(
                key("model", model),
                key("productLine", productLine),
                choice("lane", Lane.class, lane),
                choice("status", ReleaseFilter.Status.class, status),
                text("step", step, ACTIVITY, "an activity id of the procedure, like risk-review"),
                key("ownerTeam", ownerTeam),
                null);
    }

    public static int page(String page) {
        try {
            return Integer.parseInt(page.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw new ReleaseRejected("page", "The page is a number from 0.");
        }
    }

    private static String key(String field, String value) {
        return text(field, value, KEY, "lower-case letters, digits and dashes");
    }

    private static String text(String field, String value, Pattern pattern, String what) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (!pattern.matcher(v).matches()) {
            throw new ReleaseRejected(field, "Filter " + field + " takes " + what + ".");
        }
        return v;
    }

    private static <E extends Enum<E>> E choice(String field, Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ReleaseRejected(
                    field,
                    "Filter "
                            + field
                            + " is one of "
                            + String.join(
                                    ", ",
                                    Arrays.stream(type.getEnumConstants())
                                            .map(c -> c.name().toLowerCase(Locale.ROOT))
                                            .toList())
                            + ".");
        }
    }
}
