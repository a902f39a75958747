package io.tsconnect.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.tsconnect.common.Backoff;
import io.tsconnect.common.config.RetryConfig;
import io.tsconnect.common.mqtt.BrokerAddress;
import io.tsconnect.common.mqtt.MqttVersion;

/**
 * The CONNECT a session sends after losing an established connection, read off the wire by a fake broker that
 * accepts the first connection and then drops it: it must carry the credentials and resume the persistent session.
 * (The HiveMQ client rebuilds that CONNECT from its client-level defaults, and an authenticating broker refused
 * every reconnect while the credentials were set only on the first CONNECT.)
 */
class MqttSessionReconnectTest {
    private static final int USERNAME_FLAG = 0x80;
    private static final int PASSWORD_FLAG = 0x40;
    private static final int CLEAN_START_FLAG = 0x02;

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void reconnectAfterALostConnectionSendsTheCredentialsAndKeepsTheSession(MqttVersion version) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            BlockingQueue<byte[]> connects = new LinkedBlockingQueue<>();
            Thread broker = new Thread(() -> acceptTwice(server, version, connects), "fake-broker");
            broker.setDaemon(true);
            broker.start();
            SessionSettings settings = new SessionSettings("task-0", version,
                List.of(BrokerAddress.parse("tcp://127.0.0.1:" + server.getLocalPort())), null, "iot",
                "s3cret".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(60), Duration.ofSeconds(5), false, 3600,
                0, new RetryConfig(-1, new Backoff(Duration.ofMillis(10), Duration.ofMillis(100))));
            MqttSession session = MqttSession.create(settings, List.of(Subscription.parse("a/#", 1)), List.of(),
                new InboundBuffer(16), new MqttTaskMetrics());
            session.start();
            try {
                byte[] first = connects.poll(10, TimeUnit.SECONDS);
                byte[] reconnect = connects.poll(10, TimeUnit.SECONDS);
                assertNotNull(first, "no CONNECT");
                assertNotNull(reconnect, "no reconnect after the broker dropped the connection");
                for (byte[] connect : List.of(first, reconnect)) {
                    int flags = connect[7] & 0xFF;
                    assertEquals(USERNAME_FLAG | PASSWORD_FLAG, flags & (USERNAME_FLAG | PASSWORD_FLAG), "credentials");
                    assertEquals(0, flags & CLEAN_START_FLAG, "clean start must stay off to resume the session");
                    // The password is the last field of the payload: a two-byte length and the bytes.
                    assertArrayEquals(new byte[] {0, 6, 's', '3', 'c', 'r', 'e', 't'},
                        Arrays.copyOfRange(connect, connect.length - 8, connect.length));
                }
            } finally {
                session.close(Duration.ofMillis(200));
            }
        }
    }

    /** Reads a CONNECT, answers success and drops the connection; then reads the reconnect's CONNECT. */
    private static void acceptTwice(ServerSocket server, MqttVersion version, BlockingQueue<byte[]> connects) {
        byte[] connAck = version == MqttVersion.V5 ? new byte[] {0x20, 3, 0, 0, 0} : new byte[] {0x20, 2, 0, 0};
        try {
            for (int i = 0; i < 2; i++) {
                try (Socket client = server.accept()) {
                    connects.add(readPacket(client.getInputStream()));
                    if (i == 0) {
                        client.getOutputStream().write(connAck);
                        client.getOutputStream().flush();
                    }
                }
            }
        } catch (IOException e) {
            // the test fails on the missing CONNECT
        }
    }

    /** The variable header and payload of one MQTT packet. */
    private static byte[] readPacket(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        data.readUnsignedByte();
        int length = 0;
        for (int shift = 0, b = 0x80; (b & 0x80) != 0; shift += 7) {
            b = data.readUnsignedByte();
            length |= (b & 0x7F) << shift;
        }
        byte[] body = new byte[length];
        data.readFully(body);
        return body;
    }
}
