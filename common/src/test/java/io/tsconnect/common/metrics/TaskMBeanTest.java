package io.tsconnect.common.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;

class TaskMBeanTest {
    /** A standard MBean for the test. */
    public interface CounterMBean {
        long getCount();
    }

    /** Its implementation. */
    public static final class Counter implements CounterMBean {
        private final long count;

        Counter(long count) {
            this.count = count;
        }

        @Override
        public long getCount() {
            return count;
        }
    }

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @Test
    void registersUnderTheSharedNamingScheme() throws Exception {
        try (TaskMBean registration = TaskMBean.register(new Counter(7), "test-task", "my sink", "3")) {
            ObjectName name = new ObjectName("kafka.connect.tsconnect:type=test-task,connector=\"my sink\",task=3");
            assertEquals(name, registration.name());
            assertEquals(7L, server.getAttribute(name, "Count"));
        }
        assertFalse(server.isRegistered(TaskMBean.name("test-task", "my sink", "3")));
    }

    @Test
    void closingAnOldRunLeavesTheNewerRunsMBean() throws Exception {
        TaskMBean old = TaskMBean.register(new Counter(1), "test-task", "c", "0");
        TaskMBean newer = TaskMBean.register(new Counter(2), "test-task", "c", "0");
        old.close();
        ObjectName name = TaskMBean.name("test-task", "c", "0");
        assertTrue(server.isRegistered(name));
        assertEquals(2L, server.getAttribute(name, "Count"));
        newer.close();
        assertFalse(server.isRegistered(name));
    }
}
