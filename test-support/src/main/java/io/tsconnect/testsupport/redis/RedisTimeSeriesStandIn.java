package io.tsconnect.testsupport.redis;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.tsconnect.testsupport.redis.TimeSeriesStore.ReplyError;

/**
 * A RESP2 server on a free loopback port that answers like Redis with RedisTimeSeries, for tests: the TS commands
 * of {@link TimeSeriesStore}, PING, HELLO (protocol 2 only), AUTH (requirepass and ACL users), CLIENT, SELECT,
 * DEL, EXISTS, SET, GET, FLUSHALL and, in cluster mode, CLUSTER SLOTS with one node owning every slot and
 * CROSSSLOT errors for multi-key commands spanning slots.
 *
 * <p>{@link #stop()} closes every connection but keeps the data, and {@link #start()} listens again on the same
 * port: a server restart without data loss.
 */
public final class RedisTimeSeriesStandIn implements AutoCloseable {
    static final Simple OK = new Simple("OK");
    private final TimeSeriesStore store = new TimeSeriesStore();
    private final Map<String, String> users = new HashMap<>();
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> commandCounts = new ConcurrentHashMap<>();
    private final boolean cluster;
    private volatile ServerSocket server;
    private int port;

    /** A simple-string reply ({@code +OK}). */
    record Simple(String text) {
    }

    private RedisTimeSeriesStandIn(boolean cluster) {
        this.cluster = cluster;
    }

    /** A standalone server, not started. */
    public static RedisTimeSeriesStandIn standalone() {
        return new RedisTimeSeriesStandIn(false);
    }

    /** A one-node "cluster": CLUSTER SLOTS names this node for every slot and cross-slot commands fail. */
    public static RedisTimeSeriesStandIn cluster() {
        return new RedisTimeSeriesStandIn(true);
    }

    /** Requires {@code AUTH password} for the default user. */
    public RedisTimeSeriesStandIn requirePassword(String password) {
        users.put("default", password);
        return this;
    }

    /** Adds an ACL user. */
    public RedisTimeSeriesStandIn user(String name, String password) {
        users.put(name, password);
        return this;
    }

    /** Listens on a free loopback port, or again on the port of a previous start. */
    public synchronized RedisTimeSeriesStandIn start() {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
            port = socket.getLocalPort();
            server = socket;
            Thread acceptor = new Thread(() -> accept(socket), "redis-standin-accept-" + port);
            acceptor.setDaemon(true);
            acceptor.start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on port " + port, e);
        }
    }

    /** Stops listening and drops every connection; the data stays for a later {@link #start()}. */
    public synchronized void stop() {
        ServerSocket socket = server;
        server = null;
        if (socket != null) {
            closeQuietly(socket);
        }
        clients.forEach(RedisTimeSeriesStandIn::closeQuietly);
        clients.clear();
    }

    @Override
    public void close() {
        stop();
    }

    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:port}. */
    public String hostPort() {
        return InetAddress.getLoopbackAddress().getHostAddress() + ":" + port;
    }

    /** The series at {@code key} of database 0, or {@code null}. */
    public TimeSeriesStore.Series series(String key) {
        return series(0, key);
    }

    /**
     * A copy of the series at {@code key} of database {@code db}, taken while no command runs (so it can be read
     * while a sink writes), or {@code null}.
     */
    public TimeSeriesStore.Series series(int db, String key) {
        synchronized (store) {
            TimeSeriesStore.Series series = store.series(db, key);
            return series == null ? null : series.copy();
        }
    }

    /** A copy of the samples of series {@code key} of database 0, taken while no command runs; empty if none. */
    public NavigableMap<Long, Double> samples(String key) {
        synchronized (store) {
            TimeSeriesStore.Series series = store.series(0, key);
            return series == null ? new TreeMap<>() : series.samples();
        }
    }

    /** The keys of database 0. */
    public List<String> keys() {
        synchronized (store) {
            return store.keys(0);
        }
    }

    /** Stores a plain string (a key of another type than a time series). */
    public void putString(String key, String value) {
        synchronized (store) {
            store.db(0).put(key, value);
        }
    }

    /** How many times a command (e.g. {@code TS.MADD}) was received. */
    public long commandCount(String command) {
        AtomicLong count = commandCounts.get(command.toUpperCase(Locale.ROOT));
        return count == null ? 0 : count.get();
    }

    /** Deletes all data and command counts. */
    public void reset() {
        synchronized (store) {
            store.clear();
        }
        commandCounts.clear();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                client.setTcpNoDelay(true);
                if (!register(socket, client)) {
                    return;
                }
                Thread t = new Thread(() -> serve(client), "redis-standin-conn-" + client.getPort());
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    /**
     * Adds a connection just accepted on {@code listener} to those {@link #stop()} drops, unless the stand-in was
     * stopped (or restarted) meanwhile: then the connection is closed, as if it had come a moment later.
     */
    private synchronized boolean register(ServerSocket listener, Socket client) {
        if (server != listener) {
            closeQuietly(client);
            return false;
        }
        clients.add(client);
        return true;
    }

    private void serve(Socket socket) {
        Session session = new Session(users.isEmpty());
        try (InputStream in = new BufferedInputStream(socket.getInputStream(), 65536);
             OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 65536)) {
            while (true) {
                List<String> command = RespCodec.readCommand(in);
                if (command == null) {
                    return;
                }
                Object reply;
                try {
                    reply = dispatch(session, command);
                } catch (ReplyError e) {
                    reply = e;
                }
                RespCodec.write(out, reply);
                if (in.available() == 0) {
                    out.flush();
                }
                if (session.quit) {
                    out.flush();
                    return;
                }
            }
        } catch (EOFException e) {
            // client went away
        } catch (IOException e) {
            // connection dropped by stop() or the client
        } finally {
            clients.remove(socket);
            closeQuietly(socket);
        }
    }

    private Object dispatch(Session session, List<String> a) {
        if (a.isEmpty()) {
            throw new ReplyError("ERR empty command");
        }
        String name = a.get(0).toUpperCase(Locale.ROOT);
        commandCounts.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet();
        switch (name) {
            case "PING":
                return a.size() > 1 ? a.get(1) : new Simple("PONG");
            case "HELLO":
                return hello(session, a);
            case "AUTH":
                return auth(session, a.size() > 2 ? a.get(1) : "default", a.get(a.size() - 1));
            case "QUIT":
                session.quit = true;
                return OK;
            default:
                break;
        }
        if (!session.authenticated) {
            throw new ReplyError("NOAUTH Authentication required.");
        }
        synchronized (store) {
            return command(session, name, a);
        }
    }

    private Object command(Session session, String name, List<String> a) {
        if (cluster) {
            checkSlots(name, a);
        }
        int db = session.db;
        switch (name) {
            case "CLIENT":
            case "FLUSHALL":
            case "FLUSHDB":
                if (!name.equals("CLIENT")) {
                    store.clear();
                }
                return OK;
            case "SELECT":
                return select(session, a);
            case "ECHO":
                return a.get(1);
            case "COMMAND":
                return List.of();
            case "CLUSTER":
                return clusterSlots(a);
            case "DEL":
            case "EXISTS":
                long n = 0;
                for (String key : a.subList(1, a.size())) {
                    n += (name.equals("DEL") ? store.db(db).remove(key) : store.db(db).get(key)) != null ? 1 : 0;
                }
                return n;
            case "SET":
                store.db(db).put(a.get(1), a.get(2));
                return OK;
            case "GET":
                Object v = store.db(db).get(a.get(1));
                if (v != null && !(v instanceof String)) {
                    throw new ReplyError(TimeSeriesStore.WRONGTYPE);
                }
                return v;
            default:
                return timeSeries(db, name, a);
        }
    }

    private Object timeSeries(int db, String name, List<String> a) {
        switch (name) {
            case "TS.CREATE":
                return arity(a, 2, name) ? store.create(db, a) : null;
            case "TS.ALTER":
                return arity(a, 2, name) ? store.alter(db, a) : null;
            case "TS.ADD":
                return arity(a, 4, name) ? store.add(db, a) : null;
            case "TS.MADD":
                if (a.size() < 4 || (a.size() - 1) % 3 != 0) {
                    throw wrongArity(name);
                }
                return store.madd(db, a);
            case "TS.INFO":
                return arity(a, 2, name) ? store.info(db, a) : null;
            case "TS.RANGE":
                return arity(a, 4, name) ? store.range(db, a) : null;
            case "TS.MRANGE":
                return arity(a, 5, name) ? store.mrange(db, a) : null;
            case "TS.QUERYINDEX":
                return arity(a, 2, name) ? store.queryIndex(db, a) : null;
            default:
                throw new ReplyError("ERR unknown command '" + a.get(0) + "', with args beginning with: ");
        }
    }

    private static boolean arity(List<String> a, int min, String name) {
        if (a.size() < min) {
            throw wrongArity(name);
        }
        return true;
    }

    private static ReplyError wrongArity(String name) {
        return new ReplyError("ERR wrong number of arguments for '" + name.toLowerCase(Locale.ROOT) + "' command");
    }

    private Object hello(Session session, List<String> a) {
        if (a.size() > 1 && !"2".equals(a.get(1))) {
            throw new ReplyError("NOPROTO sorry, this protocol version is not supported");
        }
        for (int i = 2; i < a.size(); i++) {
            if (a.get(i).equalsIgnoreCase("AUTH") && i + 2 < a.size()) {
                auth(session, a.get(i + 1), a.get(i + 2));
                i += 2;
            }
        }
        if (!session.authenticated) {
            throw new ReplyError("NOAUTH HELLO must be called with the client already authenticated, otherwise the "
                + "HELLO <proto> AUTH <user> <pass> option can be used to authenticate the client and select the "
                + "RESP protocol version at the same time");
        }
        return List.of("server", "redis", "version", "7.4.0", "proto", 2L, "id", 1L, "mode",
            cluster ? "cluster" : "standalone", "role", "master", "modules", List.of());
    }

    private Object auth(Session session, String user, String password) {
        if (users.isEmpty()) {
            throw new ReplyError("ERR AUTH <password> called without any password configured for the default user. "
                + "Are you sure your configuration is correct?");
        }
        if (!password.equals(users.get(user))) {
            throw new ReplyError("WRONGPASS invalid username-password pair or user is disabled.");
        }
        session.authenticated = true;
        return OK;
    }

    private Object select(Session session, List<String> a) {
        int index;
        try {
            index = Integer.parseInt(a.get(1));
        } catch (NumberFormatException e) {
            throw new ReplyError("ERR value is not an integer or out of range");
        }
        if (cluster && index != 0) {
            throw new ReplyError("ERR SELECT is not allowed in cluster mode");
        }
        if (index < 0 || index > 15) {
            throw new ReplyError("ERR DB index is out of range");
        }
        session.db = index;
        return OK;
    }

    private Object clusterSlots(List<String> a) {
        if (!cluster) {
            throw new ReplyError("ERR This instance has cluster support disabled");
        }
        if (a.size() > 1 && a.get(1).equalsIgnoreCase("SLOTS")) {
            List<Object> node = List.of("127.0.0.1", (long) port, "0000000000000000000000000000000000000001");
            return List.of(List.of(0L, 16383L, node));
        }
        throw new ReplyError("ERR unknown subcommand '" + (a.size() > 1 ? a.get(1) : "") + "'.");
    }

    private static void checkSlots(String name, List<String> a) {
        List<String> keys = new ArrayList<>();
        if (name.equals("TS.MADD")) {
            for (int i = 1; i < a.size(); i += 3) {
                keys.add(a.get(i));
            }
        } else if (name.equals("DEL") || name.equals("EXISTS")) {
            keys.addAll(a.subList(1, a.size()));
        }
        if (keys.stream().map(HashSlot::of).distinct().count() > 1) {
            throw new ReplyError("CROSSSLOT Keys in request don't hash to the same slot");
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing anyway
        }
    }

    /** Per-connection state. */
    private static final class Session {
        boolean authenticated;
        boolean quit;
        int db;

        Session(boolean open) {
            this.authenticated = open;
        }
    }

    /** Redis Cluster key slots: CRC16 (XMODEM) of the key's hash tag, mod 16384. */
    static final class HashSlot {
        private HashSlot() {
        }

        static int of(String key) {
            int open = key.indexOf('{');
            if (open >= 0) {
                int close = key.indexOf('}', open + 1);
                if (close > open + 1) {
                    key = key.substring(open + 1, close);
                }
            }
            int crc = 0;
            for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
                crc ^= (b & 0xff) << 8;
                for (int i = 0; i < 8; i++) {
                    crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
                }
            }
            return (crc & 0xffff) % 16384;
        }
    }
}
