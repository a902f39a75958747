package io.tsconnect.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirTest {
    @Test
    void stateIsKafkasFormattedLogDirectory(@TempDir Path root) throws Exception {
        DataDir data = new DataDir(root);
        assertFalse(data.hasState());
        Files.createDirectories(data.kafka());
        assertFalse(data.hasState(), "an empty kafka folder is not a formatted log directory");
        Files.writeString(data.kafka().resolve("meta.properties"), "node.id=1\n");
        assertTrue(data.hasState());
    }

    @Test
    void wipeDeletesWhatTheQuickstartMadeAndNothingElse(@TempDir Path root) throws Exception {
        DataDir data = new DataDir(root);
        Files.createDirectories(data.kafka().resolve("device-readings-0"));
        Files.writeString(data.kafka().resolve("meta.properties"), "node.id=1\n");
        Files.createDirectories(data.questdb().resolve("db"));
        Files.createDirectories(data.mqtt().resolve("data"));
        Files.writeString(data.log(), "log\n");
        Path mine = Files.writeString(root.resolve("notes.txt"), "the user's own file\n");
        Path myDir = Files.createDirectories(root.resolve("exports"));

        data.wipe();

        assertFalse(Files.exists(data.kafka()));
        assertFalse(Files.exists(data.questdb()));
        assertFalse(Files.exists(data.mqtt()));
        assertFalse(Files.exists(data.log()));
        assertFalse(data.hasState());
        assertTrue(Files.exists(mine), "a file the quickstart did not make survives --fresh");
        assertTrue(Files.isDirectory(myDir));
    }

    @Test
    void oneQuickstartAtATimeHoldsTheDirectoryAndTheLockFileNamesIt(@TempDir Path root) throws Exception {
        Optional<FileLock> first = new DataDir(root).lock();
        assertTrue(first.isPresent());
        DataDir second = new DataDir(root);
        assertTrue(second.lock().isEmpty(), "a second quickstart on the same directory");
        assertEquals(Long.toString(ProcessHandle.current().pid()), second.holder());
        second.wipe();
        assertTrue(Files.exists(second.lockFile()), "--fresh does not delete the lock file");
        first.get().channel().close();
        Optional<FileLock> next = second.lock();
        assertTrue(next.isPresent(), "the directory is free once its quickstart has gone");
        next.get().channel().close();
    }
}
