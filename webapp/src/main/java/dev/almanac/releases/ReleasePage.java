package dev.almanac.releases;

import java.util.List;

/**
 * One page of a release list, in target-date order; {@code hasNext} says whether another page
 * follows (found by reading one row more, so a page costs one query, not two).
 */
public record ReleasePage(List<ReleaseSummary> items, int page, int size, boolean hasNext) {

    public boolean hasPrevious() {
        return page > 0;
    }
}
