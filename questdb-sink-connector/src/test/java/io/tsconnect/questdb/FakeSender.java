package io.tsconnect.questdb;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.questdb.client.Sender;
import io.questdb.client.cutlass.line.LineSenderException;

/**
 * A scripted stand-in for questdb-client Senders: each {@link #sender()} (one per sender thread) buffers rows by
 * their "id" column, and a flush either "lands" them, fails like an unreachable server, fails with HTTP 400
 * when a row with a bad id is in the request (as QuestDB rejects a whole ILP/HTTP request), or fails with HTTP
 * 401 (fatal). A closed {@link #gate} holds flushes (on the writer's sender threads) until the test opens it.
 * {@link #landed} is read by the test thread after the writer handed over a result (which orders the memory
 * accesses).
 */
final class FakeSender {
    final List<String> landed = Collections.synchronizedList(new ArrayList<>());
    /** Ids encoded by any sender so far, in encoding order. */
    final List<String> encoded = Collections.synchronizedList(new ArrayList<>());
    volatile String badId;
    /** The next row with this id fails while it is encoded, as when its table cannot be created (transient). */
    volatile String failEncodingId;
    volatile boolean down;
    volatile boolean unauthorized;
    volatile CountDownLatch gate = new CountDownLatch(0);
    volatile Runnable onFlush = () -> { };
    final CountDownLatch flushStarted = new CountDownLatch(1);
    volatile int flushes;
    volatile boolean closed;

    Sender sender() {
        List<String> buffer = new ArrayList<>();
        String[] current = new String[1];
        return (Sender) Proxy.newProxyInstance(Sender.class.getClassLoader(), new Class<?>[] {Sender.class},
            (proxy, method, args) -> {
                switch (method.getName()) {
                    case "table" -> current[0] = "";
                    case "longColumn", "stringColumn", "symbol" -> {
                        if ("id".equals(args[0].toString())) {
                            current[0] = String.valueOf(args[1]);
                        }
                    }
                    case "at", "atNow" -> {
                        if (current[0].equals(failEncodingId)) {
                            failEncodingId = null;
                            throw new QuestDbWriter.FlushFailedException("QuestDB is unreachable", null);
                        }
                        buffer.add(current[0]);
                        encoded.add(current[0]);
                    }
                    case "cancelRow" -> current[0] = null;
                    case "reset" -> buffer.clear();
                    case "flush" -> flush(buffer);
                    case "close" -> closed = true;
                    default -> {
                    }
                }
                return method.getReturnType().isInstance(proxy) ? proxy : null;
            });
    }

    /** Closes the gate: the next flushes block until {@link #open()}. */
    void hold() {
        gate = new CountDownLatch(1);
    }

    void open() {
        gate.countDown();
    }

    private void flush(List<String> buffer) throws InterruptedException {
        flushStarted.countDown();
        if (!gate.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("gate never opened");
        }
        flushes++;
        onFlush.run();
        if (down) {
            throw new LineSenderException("Could not flush buffer: http://127.0.0.1:1/write Connection Failed", true);
        }
        if (unauthorized) {
            throw new LineSenderException("Could not flush buffer: unauthorized [http-status=401]");
        }
        if (badId != null && buffer.contains(badId)) {
            throw new LineSenderException("Could not flush buffer: cast error for line protocol [http-status=400, "
                + "id: 1-2, code: invalid, line: 1]");
        }
        landed.addAll(buffer);
        buffer.clear();
    }
}
