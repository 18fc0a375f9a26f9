package org.ntk4j.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ntk4j.linalg.MemoryCheck;
import org.ntk4j.simd.Simd;

/** What a result report says about the machine: JDK, vector width, threads, peak memory. */
final class RunInfo {

    private RunInfo() {
    }

    /** "JDK 25.0.1 (Eclipse Adoptium), vector ops, 8 doubles per vector" and the like. */
    static String environment(Simd.Impl impl, int threads) {
        Simd.Impl r = Simd.resolve(impl);
        String ops = r == Simd.Impl.VECTOR ? "vector ops, " + Simd.lanes() + " doubles per vector" : "scalar ops";
        return String.format("JDK %s (%s), %s, %d threads of %d processors", System.getProperty("java.version"),
                System.getProperty("java.vendor"), ops, threads, Runtime.getRuntime().availableProcessors());
    }

    /** Peak heap in use (sum of the heap pools' peaks, an upper bound) in bytes. */
    static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Peak resident set of the process (VmHWM) in bytes, or −1 where /proc is missing. */
    static long peakResident() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    static String memory() {
        long rss = peakResident();
        return String.format("peak heap %s (max %s), peak resident %s", MemoryCheck.format(peakHeap()),
                MemoryCheck.format(Runtime.getRuntime().maxMemory()), rss < 0 ? "n/a" : MemoryCheck.format(rss));
    }
}
