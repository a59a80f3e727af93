package dev.almanac.projection.rcpsp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads PSPLIB's single-mode RCPSP format ({@code .sm}): the jobs' successors, durations and
 * requests for the renewable resources, and their availabilities. Job 1 and the last job are the
 * dummy source and sink; activity {@code j} here is PSPLIB's job {@code j + 1}.
 */
public final class Psplib {

    private Psplib() {}

    /** One instance from its file. */
    public static Problem read(Path file) throws IOException {
        return parse(
                file.getFileName().toString().replaceFirst("\\.sm$", ""),
                Files.readAllLines(file, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    /**
     * One instance from the lines of its file.
     *
     * @throws IllegalArgumentException naming the section and line that cannot be read
     */
    public static Problem parse(String name, List<String> lines) {
        int jobs = -1;
        int renewable = -1;
        int i = 0;
        for (; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.startsWith("jobs (incl. supersource/sink )")) {
                jobs = Integer.parseInt(after(line, ':', name, i));
            } else if (line.startsWith("- renewable")) {
                renewable = Integer.parseInt(after(line, ':', name, i).split("\\s+")[0]);
            } else if (line.startsWith("PRECEDENCE RELATIONS")) {
                break;
            }
        }
        if (jobs < 2 || renewable < 0) {
            throw new IllegalArgumentException(
                    name
                            + ": no job count or renewable resource count before PRECEDENCE RELATIONS");
        }
        int[][] successors = new int[jobs][];
        i += 2; // the section's header and its column names
        for (int j = 0; j < jobs; j++, i++) {
            int[] f = numbers(lines, i, name);
            if (f.length < 3 || f[0] != j + 1 || f.length != 3 + f[2]) {
                throw new IllegalArgumentException(
                        name + ": line " + (i + 1) + " is not job " + (j + 1) + "'s successors");
            }
            successors[j] = new int[f[2]];
            for (int k = 0; k < f[2]; k++) {
                successors[j][k] = f[3 + k] - 1;
            }
        }
        while (i < lines.size() && !lines.get(i).trim().startsWith("REQUESTS/DURATIONS")) {
            i++;
        }
        i += 3; // header, column names, dashes
        int[] duration = new int[jobs];
        int[][] demand = new int[jobs][renewable];
        for (int j = 0; j < jobs; j++, i++) {
            int[] f = numbers(lines, i, name);
            if (f.length < 3 + renewable || f[0] != j + 1) {
                throw new IllegalArgumentException(
                        name
                                + ": line "
                                + (i + 1)
                                + " is not job "
                                + (j + 1)
                                + "'s duration and requests");
            }
            duration[j] = f[2];
            for (int r = 0; r < renewable; r++) {
                demand[j][r] = f[3 + r];
            }
        }
        while (i < lines.size() && !lines.get(i).trim().startsWith("RESOURCEAVAILABILITIES")) {
            i++;
        }
        i += 2;
        int[] capacity = numbers(lines, i, name);
        if (capacity.length < renewable) {
            throw new IllegalArgumentException(
                    name + ": line " + (i + 1) + " does not give " + renewable + " availabilities");
        }
        int[] renewables = java.util.Arrays.copyOf(capacity, renewable);
        return new Problem(
                name, duration, successors, demand, null, Problem.Capacity.constant(renewables));
    }

    private static String after(String line, char mark, String name, int index) {
        int at = line.indexOf(mark);
        if (at < 0) {
            throw new IllegalArgumentException(
                    name + ": line " + (index + 1) + " has no '" + mark + "'");
        }
        return line.substring(at + 1).trim();
    }

    private static int[] numbers(List<String> lines, int index, String name) {
        if (index >= lines.size()) {
            throw new IllegalArgumentException(
                    name + ": the file ends early, at line " + (index + 1));
        }
        String line = lines.get(index).trim();
        try {
            return line.isEmpty()
                    ? new int[0]
                    : java.util.Arrays.stream(line.split("\\s+"))
                            .mapToInt(Integer::parseInt)
                            .toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    name + ": line " + (index + 1) + " is not numbers: " + line);
        }
    }

    /**
     * Known makespans from a folder: {@code optimum.csv} ({@code problem,optimum}, a value or
     * {@code lo..hi}; the upper bound counts) and PSPLIB's {@code best-known.txt} ({@code Par Inst
     * Makespan …}, the instance named {@code <set><par>_<inst>}), by instance name.
     */
    public record Known(Map<String, Integer> optimum, Map<String, Integer> bestKnown) {

        public static Known in(Path folder) throws IOException {
            Map<String, Integer> optimum = new HashMap<>();
            Path csv = folder.resolve("optimum.csv");
            if (Files.exists(csv)) {
                for (String line :
                        Files.readAllLines(csv, java.nio.charset.StandardCharsets.ISO_8859_1)) {
                    String[] f = line.trim().split(",");
                    if (f.length == 2 && !f[0].equals("problem")) {
                        String value =
                                f[1].contains("..") ? f[1].substring(f[1].indexOf("..") + 2) : f[1];
                        optimum.put(
                                f[0].replaceFirst("\\.sm$", ""), Integer.parseInt(value.trim()));
                    }
                }
            }
            Map<String, Integer> best = new HashMap<>();
            Path txt = folder.resolve("best-known.txt");
            String set = folder.getFileName() == null ? "" : folder.getFileName().toString();
            if (Files.exists(txt)) {
                for (String line :
                        Files.readAllLines(txt, java.nio.charset.StandardCharsets.ISO_8859_1)) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length >= 3
                            && f[0].matches("\\d+")
                            && f[1].matches("\\d+")
                            && f[2].matches("\\d+")) {
                        best.put(set + f[0] + "_" + f[1], Integer.parseInt(f[2]));
                    }
                }
            }
            return new Known(optimum, best);
        }
    }

    /** The {@code .sm} files of a folder, in name order (natural: j301_2 before j301_10). */
    public static List<Path> files(Path folder) throws IOException {
        List<Path> files = new ArrayList<>();
        try (var list = Files.list(folder)) {
            list.filter(f -> f.getFileName().toString().endsWith(".sm")).forEach(files::add);
        }
        files.sort(
                java.util.Comparator.comparing(
                                (Path f) -> f.getFileName().toString().replaceAll("\\d+", ""))
                        .thenComparing(f -> natural(f.getFileName().toString())));
        return files;
    }

    private static String natural(String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\d+").matcher(name);
        StringBuilder key = new StringBuilder();
        while (m.find()) {
            key.append(String.format("%08d", Long.parseLong(m.group())));
        }
        return key.toString();
    }
}
