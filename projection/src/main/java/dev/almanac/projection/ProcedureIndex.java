package dev.almanac.projection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A procedure's steps as indices: predecessors, successors (a detour leads to where it rejoins),
 * target.
 */
final class ProcedureIndex {

    final Procedure procedure;
    final Step[] steps;
    final Map<String, Integer> indexOf;
    final int[][] preds;
    final int[][] succs;
    final int target;

    /** Duration spec per step, per product line; filled lazily by {@link Durations}. */
    final Map<String, int[]> specsByProductLine = new HashMap<>();

    ProcedureIndex(Procedure procedure) {
        this.procedure = procedure;
        this.steps = procedure.steps().toArray(new Step[0]);
        this.indexOf = new HashMap<>();
        for (int i = 0; i < steps.length; i++) {
            indexOf.putIfAbsent(steps[i].activityId(), i);
        }
        List<List<Integer>> succ = new ArrayList<>();
        for (int i = 0; i < steps.length; i++) {
            succ.add(new ArrayList<>());
        }
        preds = new int[steps.length][];
        for (int i = 0; i < steps.length; i++) {
            List<Integer> p = new ArrayList<>();
            for (String a : steps[i].after()) {
                Integer j = indexOf.get(a);
                if (j != null && j != i) {
                    p.add(j);
                    succ.get(j).add(i);
                }
            }
            preds[i] = p.stream().mapToInt(Integer::intValue).toArray();
            if (!steps[i].expected() && steps[i].rejoins() != null) {
                Integer r = indexOf.get(steps[i].rejoins());
                if (r != null && r != i) {
                    succ.get(i).add(r);
                }
            }
        }
        succs = new int[steps.length][];
        for (int i = 0; i < steps.length; i++) {
            succs[i] = succ.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        Integer t =
                procedure.targetActivity() == null ? null : indexOf.get(procedure.targetActivity());
        target = t == null ? -1 : t;
    }
}
