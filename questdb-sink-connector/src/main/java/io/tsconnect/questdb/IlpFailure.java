package io.tsconnect.questdb;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.questdb.client.cutlass.line.LineSenderException;

/**
 * Classifies a failed flush by the HTTP status and QuestDB error code the client reports, never by the
 * wording of the message. questdb-client 1.0.1 exposes neither as a field: it appends them to the message as a
 * fixed trailer ({@code [http-status=400, id: …, code: invalid, line: 3]}), which is what is read here (the
 * last trailer, so server text cannot forge one). No trailer means no HTTP answer: a transport failure.
 *
 * @param kind what the writer does about it
 * @param httpStatus the HTTP status, or -1 when the server did not answer
 * @param code the QuestDB error code (e.g. {@code invalid}), or null
 * @param message the client's message (server text made printable by the client), for logs and the DLQ
 */
public record IlpFailure(Kind kind, int httpStatus, String code, String message) {
    private static final Pattern TRAILER = Pattern.compile(
        "\\[http-status=(\\d{3})(?:, id: [^,\\]]*)?(?:, code: ([A-Za-z_]+))?(?:, line: \\d+)?]\\s*$");

    /** What a failure means for the batch. */
    public enum Kind {
        /** Server unreachable, restarting or overloaded: retry the same rows later. */
        TRANSIENT,
        /** The server rejected the data: isolate the bad rows and send them to the DLQ. */
        DATA,
        /** Configuration or permission problem no retry fixes: fail the task. */
        FATAL
    }

    /** Classifies a flush failure. */
    public static IlpFailure classify(LineSenderException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        int at = message.lastIndexOf("[http-status=");
        Matcher m = at < 0 ? null : TRAILER.matcher(message.substring(at));
        if (m == null || !m.find()) {
            return new IlpFailure(Kind.TRANSIENT, -1, null, message);
        }
        int status = Integer.parseInt(m.group(1));
        String code = m.group(2);
        return new IlpFailure(kindOf(status, code), status, code, message);
    }

    static Kind kindOf(int status, String code) {
        if (status >= 500 || status == 408 || status == 429) {
            return Kind.TRANSIENT;
        }
        if (status == 400 || status == 413 || status == 422) {
            // 413: a batch too large for the server's receive buffer is split like a bad batch, which fixes it.
            return "internal_error".equals(code) ? Kind.TRANSIENT : Kind.DATA;
        }
        return Kind.FATAL;
    }

    @Override
    public String toString() {
        return kind + (httpStatus < 0 ? " (no HTTP answer)" : " (HTTP " + httpStatus
            + (code == null ? "" : ", code " + code) + ")");
    }
}
