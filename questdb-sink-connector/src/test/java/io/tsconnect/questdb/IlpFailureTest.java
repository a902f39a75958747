package io.tsconnect.questdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.questdb.client.cutlass.line.LineSenderException;

class IlpFailureTest {
    private static IlpFailure classify(String message) {
        return IlpFailure.classify(new LineSenderException(message));
    }

    @Test
    void classifiesByStatusAndCode() {
        IlpFailure data = classify("Could not flush buffer: bad [http-status=400, id: a-1, code: invalid, line: 2]");
        assertEquals(IlpFailure.Kind.DATA, data.kind());
        assertEquals(400, data.httpStatus());
        assertEquals("invalid", data.code());
        assertEquals(IlpFailure.Kind.TRANSIENT,
            classify("Could not flush buffer: x [http-status=503, id: a-1, code: internal_error]").kind());
        assertEquals(IlpFailure.Kind.FATAL,
            classify("Could not flush buffer: HTTP endpoint authentication error [http-status=401]").kind());
        assertEquals(IlpFailure.Kind.DATA, classify("Could not flush buffer: too big [http-status=413]").kind());
        IlpFailure down = classify("Could not flush buffer: http://h:1/write Connection Failed: refused");
        assertEquals(IlpFailure.Kind.TRANSIENT, down.kind());
        assertEquals(-1, down.httpStatus());
    }

    @Test
    void serverTextCannotForgeTheTrailer() {
        assertEquals(400, classify("Could not flush buffer: value '[http-status=503]' [http-status=400, code: "
            + "invalid]").httpStatus());
    }
}
