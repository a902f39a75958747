package io.tsconnect.questdb;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import io.questdb.client.Sender;
import io.questdb.client.cutlass.line.LineSenderException;

/**
 * A scripted stand-in for a questdb-client Sender: rows are buffered by table name plus an "id" column, and a
 * flush either "lands" them, fails like an unreachable server, or fails with HTTP 400 when a row with a bad id
 * is in the request (as QuestDB rejects a whole ILP/HTTP request).
 */
final class FakeSender {
    final List<String> landed = new ArrayList<>();
    final List<String> buffer = new ArrayList<>();
    String badId;
    boolean down;
    int flushes;
    private String current;

    Sender sender() {
        return (Sender) Proxy.newProxyInstance(Sender.class.getClassLoader(), new Class<?>[] {Sender.class},
            (proxy, method, args) -> {
                switch (method.getName()) {
                    case "table" -> current = "";
                    case "longColumn", "stringColumn", "symbol" -> {
                        if ("id".equals(args[0].toString())) {
                            current = String.valueOf(args[1]);
                        }
                    }
                    case "at", "atNow" -> buffer.add(current);
                    case "cancelRow" -> current = null;
                    case "reset" -> buffer.clear();
                    case "flush" -> flush();
                    default -> {
                    }
                }
                return method.getReturnType().isInstance(proxy) ? proxy : null;
            });
    }

    private void flush() {
        flushes++;
        if (down) {
            throw new LineSenderException("Could not flush buffer: http://127.0.0.1:1/write Connection Failed", true);
        }
        if (badId != null && buffer.contains(badId)) {
            throw new LineSenderException("Could not flush buffer: cast error for line protocol [http-status=400, "
                + "id: 1-2, code: invalid, line: 1]");
        }
        landed.addAll(buffer);
        buffer.clear();
    }
}
