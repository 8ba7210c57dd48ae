package dev.fanout.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.stream.Stream;

/**
 * Puts a set of report files into a results folder all or nothing. Everything is written to a
 * temporary folder inside the results folder first (so moving a file is a rename); only then is
 * each moved into place, the previous one kept aside until all are in. On any failure the files
 * already moved are put back, the temporary folder is deleted, and the previous report is left
 * byte for byte as it was.
 */
final class AtomicReportWriter {

    private static final String TEMP_PREFIX = ".report-";

    private AtomicReportWriter() {
    }

    /** @return the paths written, in the map's order */
    static List<Path> write(Path folder, SequencedMap<String, String> files) throws ResultsException {
        for (String name : files.keySet()) {
            if (Files.isDirectory(folder.resolve(name))) {
                throw new ResultsException(folder.resolve(name), "cannot be replaced by the report: it is a folder");
            }
        }
        Path temp;
        try {
            temp = Files.createTempDirectory(folder, TEMP_PREFIX);
        } catch (IOException e) {
            throw new ResultsException(folder, "cannot write the report here: " + oneLine(e));
        }
        try {
            Path fresh = Files.createDirectory(temp.resolve("new"));
            for (Map.Entry<String, String> f : files.entrySet()) {
                Files.writeString(fresh.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
            }
            return moveIntoPlace(folder, fresh, Files.createDirectory(temp.resolve("previous")), files.keySet());
        } catch (IOException e) {
            throw new ResultsException(folder, "cannot write the report: " + oneLine(e));
        } finally {
            deleteQuietly(temp);
        }
    }

    private static List<Path> moveIntoPlace(Path folder, Path fresh, Path previous, Iterable<String> names)
            throws ResultsException, IOException {
        List<String> moved = new ArrayList<>();
        List<Path> written = new ArrayList<>();
        for (String name : names) {
            Path target = folder.resolve(name);
            try {
                if (Files.exists(target)) {
                    Files.copy(target, previous.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
                }
                Files.move(fresh.resolve(name), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                putBack(folder, previous, moved);
                throw new ResultsException(target, "cannot be replaced: " + oneLine(e) + "; the previous report is untouched", e);
            }
            moved.add(name);
            written.add(target);
        }
        return written;
    }

    /** Undoes the moves already made: the previous file back, or the new one gone if there was none. */
    private static void putBack(Path folder, Path previous, List<String> moved) throws IOException {
        for (String name : moved) {
            Path kept = previous.resolve(name);
            if (Files.exists(kept)) {
                Files.move(kept, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(folder.resolve(name));
            }
        }
    }

    private static String oneLine(IOException e) {
        return e.toString().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Best effort: a left-over hidden temporary folder harms nothing.
        }
    }
}
