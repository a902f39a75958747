package io.tsconnect.testsupport.redis;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** RESP2 encoding for {@link RedisTimeSeriesStandIn}: commands in, replies out. */
final class RespCodec {
    private static final byte[] CRLF = {'\r', '\n'};

    private RespCodec() {
    }

    /** Reads one command (an array of bulk strings), or returns {@code null} at the end of the stream. */
    static List<String> readCommand(InputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            return null;
        }
        if (type != '*') {
            throw new IOException("Expected a RESP array, got '" + (char) type + "'");
        }
        int count = Integer.parseInt(readLine(in));
        List<String> args = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (in.read() != '$') {
                throw new IOException("Expected a bulk string");
            }
            int length = Integer.parseInt(readLine(in));
            byte[] data = in.readNBytes(length);
            if (data.length < length) {
                throw new EOFException();
            }
            in.skipNBytes(2);
            args.add(new String(data, StandardCharsets.UTF_8));
        }
        return args;
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new EOFException();
            }
            line.append((char) c);
        }
        in.read();
        return line.toString();
    }

    /** Writes a reply: String bulk, Long integer, null nil, List array, Simple status, ReplyError error. */
    static void write(OutputStream out, Object reply) throws IOException {
        if (reply == null) {
            out.write("$-1\r\n".getBytes(StandardCharsets.US_ASCII));
        } else if (reply instanceof RedisTimeSeriesStandIn.Simple simple) {
            line(out, '+', simple.text());
        } else if (reply instanceof TimeSeriesStore.ReplyError error) {
            line(out, '-', error.getMessage());
        } else if (reply instanceof Long || reply instanceof Integer) {
            line(out, ':', reply.toString());
        } else if (reply instanceof List<?> list) {
            line(out, '*', Integer.toString(list.size()));
            for (Object element : list) {
                write(out, element);
            }
        } else {
            byte[] data = reply.toString().getBytes(StandardCharsets.UTF_8);
            line(out, '$', Integer.toString(data.length));
            out.write(data);
            out.write(CRLF);
        }
    }

    private static void line(OutputStream out, char type, String text) throws IOException {
        out.write(type);
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.write(CRLF);
    }
}
