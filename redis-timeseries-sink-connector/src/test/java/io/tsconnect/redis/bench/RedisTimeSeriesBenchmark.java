package io.tsconnect.redis.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.sink.SinkRecord;

import redis.clients.jedis.BuilderFactory;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.timeseries.DuplicatePolicy;
import redis.clients.jedis.timeseries.TSCreateParams;
import redis.clients.jedis.timeseries.TimeSeriesProtocol.TimeSeriesCommand;

import io.tsconnect.redis.FakeSinkTaskContext;
import io.tsconnect.redis.RedisTimeSeriesSinkTask;

/**
 * Records/s through the sink task into a Redis given on the command line, next to a raw Jedis TS.MADD(1000) loop
 * into the same server, and their ratio. Not a test: run it by hand, e.g.
 *
 * <pre>
 * mvn -q -o test-compile -pl redis-timeseries-sink-connector
 * java -cp "redis-timeseries-sink-connector/target/test-classes:redis-timeseries-sink-connector/target/classes:$(
 *   mvn -q -o dependency:build-classpath -pl redis-timeseries-sink-connector -Dmdep.outputFile=/dev/stdout)" \
 *   io.tsconnect.redis.bench.RedisTimeSeriesBenchmark 127.0.0.1:6379 [samples] [password]
 * </pre>
 */
public final class RedisTimeSeriesBenchmark {
    private static final int SERIES = 100;
    private static final int PUT_SIZE = 5000;

    private RedisTimeSeriesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String hostPort = args.length > 0 ? args[0] : "127.0.0.1:6379";
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 500_000;
        String password = args.length > 2 ? args[2] : null;
        String[] hp = hostPort.split(":");
        double raw = raw(hp[0], Integer.parseInt(hp[1]), password, samples);
        double connector = connector(hostPort, password, samples);
        System.out.printf("raw Jedis TS.MADD(1000): %,.0f samples/s%n", raw);
        System.out.printf("connector task put():    %,.0f records/s%n", connector);
        System.out.printf("ratio connector/raw:     %.2f%n", connector / raw);
    }

    private static double raw(String host, int port, String password, int samples) {
        try (RedisClient client = password == null ? RedisClient.create(host, port)
            : RedisClient.create(host, port, null, password)) {
            for (int s = 0; s < SERIES; s++) {
                client.del("bench:raw:" + s);
                client.tsCreate("bench:raw:" + s, TSCreateParams.createParams().duplicatePolicy(DuplicatePolicy.LAST));
            }
            long start = System.nanoTime();
            for (int i = 0; i < samples; i += 1000) {
                CommandArguments madd = new CommandArguments(TimeSeriesCommand.MADD);
                for (int j = i; j < Math.min(samples, i + 1000); j++) {
                    madd.add("bench:raw:" + (j % SERIES)).add(1_000_000L + j).add((double) j);
                }
                client.executeCommand(new CommandObject<>(madd, BuilderFactory.RAW_OBJECT_LIST));
            }
            return samples / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static double connector(String hostPort, String password, int samples) {
        Map<String, String> props = new HashMap<>(Map.of("redis.hosts", hostPort,
            "ts.key.template", "bench:sink:${device}", "ts.labels", "device", "ts.timestamp.source", "field"));
        if (password != null) {
            props.put("redis.password", password);
        }
        List<List<SinkRecord>> puts = new ArrayList<>();
        for (int i = 0; i < samples; i += PUT_SIZE) {
            List<SinkRecord> put = new ArrayList<>(PUT_SIZE);
            for (int j = i; j < Math.min(samples, i + PUT_SIZE); j++) {
                put.add(new SinkRecord("bench", 0, null, null, null, Map.of("device", "d" + (j % SERIES),
                    "value", (double) j, "timestamp", 1_000_000_000_000L + j), j, (long) j,
                    TimestampType.CREATE_TIME));
            }
            puts.add(put);
        }
        RedisTimeSeriesSinkTask task = new RedisTimeSeriesSinkTask();
        task.initialize(new FakeSinkTaskContext(false));
        task.start(props);
        try {
            long start = System.nanoTime();
            puts.forEach(task::put);
            return samples / ((System.nanoTime() - start) / 1e9);
        } finally {
            task.stop();
        }
    }
}
