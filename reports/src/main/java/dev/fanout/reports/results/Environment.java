package dev.fanout.reports.results;

import dev.fanout.reports.ResultsException;

import java.nio.file.Path;
import java.util.Optional;

/**
 * environment.json: the machine and build a run was measured on.
 *
 * @param jdk           the JDK's full version
 * @param vendor        the JDK's vendor
 * @param vm            the VM's name
 * @param os            name, version and architecture
 * @param cores         available processors
 * @param memoryBytes   physical memory
 * @param fanoutVersion the project's version
 * @param gitCommit     the commit measured, when known
 */
public record Environment(String jdk, String vendor, String vm, String os, int cores, long memoryBytes,
                          String fanoutVersion, Optional<String> gitCommit) {

    static Environment read(Path file) throws ResultsException {
        JsonFields json = JsonFields.read(file);
        return new Environment(json.string("jdk"), json.optionalString("vendor").orElse("unknown"),
                json.optionalString("vm").orElse("unknown"), json.string("os"), json.integer("cores"),
                (long) json.number("memoryBytes"), json.optionalString("fanoutVersion").orElse("unknown"),
                json.optionalString("gitCommit"));
    }
}
