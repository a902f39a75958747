package io.tsconnect.quickstart;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks the well-known port a user expects when it is free, another free port otherwise. */
final class Ports {
    private Ports() {
    }

    static int preferred(int port) {
        if (port > 0) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // fall through to any free port
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port", e);
        }
    }
}
