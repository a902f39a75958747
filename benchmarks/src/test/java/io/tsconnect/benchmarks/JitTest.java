package io.tsconnect.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JitTest {
    /** /proc/…/task/…/stat lines as Linux writes them (a name in parentheses may hold spaces and parentheses). */
    private static final String C2 = "4242 (C2 CompilerThre) S 4200 4200 17410 0 -1 4194368 90 0 0 0 731 58 0 0 20 0 "
        + "31 0 5165243 3133440 360 18446744073709551615";
    private static final String WORKER = "4243 (task (x) 1) R 4200 4200 17410 0 -1 4194368 90 0 0 0 17 4 0 0 20 0 31 0 "
        + "5165243 3133440 360 18446744073709551615";

    @Test
    void recognisesHotSpotsCompilerThreadsByName() {
        assertTrue(Jit.isCompilerThread(C2));
        assertTrue(Jit.isCompilerThread(C2.replace("C2 ", "C1 ")));
        assertFalse(Jit.isCompilerThread(WORKER));
    }

    @Test
    void cpuTicksAreUserPlusSystemTimeCountedAfterTheName() {
        assertEquals(731 + 58, Jit.cpuTicks(C2));
        assertEquals(17 + 4, Jit.cpuTicks(WORKER));
    }

    @Test
    void thisJvmsCompilerThreadsHaveSpentCpuOnLinux() {
        long millis = Jit.compilerCpuMillis();
        if (System.getProperty("os.name").startsWith("Linux")) {
            // Starting JUnit alone compiles hundreds of methods.
            assertTrue(millis > 0, "compiler CPU " + millis);
        } else {
            assertEquals(-1, millis);
        }
    }
}
