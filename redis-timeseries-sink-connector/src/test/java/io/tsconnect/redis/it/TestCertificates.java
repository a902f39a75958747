package io.tsconnect.redis.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A throw-away CA, a server certificate for 127.0.0.1 and a client certificate, made with the openssl CLI. */
record TestCertificates(Path caCert, Path serverCert, Path serverKey, Path clientPem) {
    static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/openssl"));
    }

    static TestCertificates create(Path dir) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
            "-days", "2", "-subj", "/CN=tsconnect-test-ca");
        for (String name : List.of("server", "client")) {
            run(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out",
                name + ".csr", "-subj", "/CN=" + name);
            run(dir, "openssl", "x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                "-CAcreateserial", "-out", name + ".crt", "-days", "2", "-extfile", "san.ext");
        }
        Files.writeString(dir.resolve("client.pem"),
            Files.readString(dir.resolve("client.crt")) + Files.readString(dir.resolve("client.key")));
        return new TestCertificates(dir.resolve("ca.crt"), dir.resolve("server.crt"), dir.resolve("server.key"),
            dir.resolve("client.pem"));
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(dir.resolve("openssl.log").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: "
                + Files.readString(dir.resolve("openssl.log")));
        }
    }
}
