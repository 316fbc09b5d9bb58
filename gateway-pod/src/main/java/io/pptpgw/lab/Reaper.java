package io.pptpgw.lab;

import java.util.List;
import java.util.OptionalLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what labs of dead processes left behind (a JVM killed with -9 runs no shutdown hook). Only owned names
 * ({@code pgl<pid>-<n>}) are considered, and only when their owner is gone: a live owner's lab is never touched.
 */
final class Reaper {
    private static final Logger log = LoggerFactory.getLogger(Reaper.class);

    private Reaper() {}

    /**
     * Deletes owned namespaces whose owner is dead, and returns their names. A name carrying this process's own PID
     * is a leftover of an earlier process that had the same PID unless {@code createdHere} says this process made it.
     */
    static List<String> reapDeadOwners(Predicate<String> createdHere) {
        long self = ProcessHandle.current().pid();
        List<String> leftovers = Netns.list().stream()
                .filter(name -> {
                    OptionalLong owner = LabNames.owner(name);
                    if (owner.isEmpty()) {
                        return false;
                    }
                    return owner.getAsLong() == self ? !createdHere.test(name) : !isAlive(owner.getAsLong());
                })
                .toList();
        if (!leftovers.isEmpty()) {
            log.info("Reaping network namespaces of dead lab owners: {}", leftovers);
            try {
                Netns.delete(leftovers);
            } catch (LabException e) {
                // Somebody else's leftovers must not fail this lab; they are tried again by the next one.
                log.warn("Could not reap all of {}: {}", leftovers, e.getMessage());
            }
        }
        return leftovers;
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
