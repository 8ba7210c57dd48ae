package dev.fanout.benchmarks.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How much CPU the rest of the machine took while a point was measured: the machine's busy time
 * (Linux's {@code /proc/stat}, hypervisor steal included) minus this JVM's own ({@code /proc/self/stat}),
 * in cores. A fork runs the server, the client and the strategy; on a quiet machine nothing else
 * runs, and this reads near 0.
 *
 * <p>Why it is measured: the peers cancel a machine that is slower as a whole, but not a neighbour
 * that takes a core away. Strategies differ in how much that hurts them (platform threads handing
 * work to each other lose more than virtual threads), so a busy machine can move one strategy
 * against the peers as a regression would. Measured on this project's 2-core machine with a
 * process spinning on one core beside an unchanged smoke run: {@code worker-pool} read 8 to 11%
 * slower against the peers (three runs). The gate cannot tell that from a regression; it can say the machine was busy.
 *
 * <p>Where {@code /proc} is not there (not Linux), {@link #sample()} is empty and nothing is recorded.
 */
final class OtherProcessesCpu {

    private static final Path MACHINE = Path.of("/proc/stat");
    private static final Path SELF = Path.of("/proc/self/stat");

    /** One reading, in the kernel's clock ticks. */
    record Sample(long machineBusy, long machineTotal, long own, int cpus) {

        /** @return the cores other processes used on average between {@code earlier} and this reading; NaN when no time passed */
        double otherCoresSince(Sample earlier) {
            long total = machineTotal - earlier.machineTotal;
            if (total <= 0) {
                return Double.NaN;
            }
            long others = (machineBusy - earlier.machineBusy) - (own - earlier.own);
            return Math.max(0, others) * (double) cpus / total;
        }
    }

    private OtherProcessesCpu() {
    }

    /** @return a reading now, or empty where the machine does not offer one */
    static Optional<Sample> sample() {
        try {
            return Optional.of(parse(Files.readString(MACHINE), Files.readString(SELF)));
        } catch (IOException | RuntimeException notLinux) {
            return Optional.empty();
        }
    }

    /**
     * @param procStat     {@code /proc/stat}: its first line is the machine's ticks (user nice system
     *                     idle iowait irq softirq steal ...), then one {@code cpuN} line per CPU
     * @param procSelfStat {@code /proc/self/stat}: after the command in parentheses, field 14 is user
     *                     time and 15 system time
     */
    static Sample parse(String procStat, String procSelfStat) {
        String[] lines = procStat.split("\n");
        String[] t = lines[0].trim().split("\\s+");
        if (!t[0].equals("cpu") || t.length < 9) {
            throw new IllegalArgumentException("not /proc/stat: " + lines[0]);
        }
        long idle = Long.parseLong(t[4]) + Long.parseLong(t[5]);
        long busy = 0;
        for (int i : new int[]{1, 2, 3, 6, 7, 8}) { // user nice system irq softirq steal (guest is inside user)
            busy += Long.parseLong(t[i]);
        }
        int cpus = 0;
        for (String line : lines) {
            if (line.startsWith("cpu") && line.length() > 3 && Character.isDigit(line.charAt(3))) {
                cpus++;
            }
        }
        // the command may hold spaces and parentheses: the fields start after the last ')'
        String[] f = procSelfStat.substring(procSelfStat.lastIndexOf(')') + 2).trim().split("\\s+");
        long own = Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15; f[0] is field 3
        return new Sample(busy, busy + idle, own, Math.max(1, cpus));
    }
}
