package io.tsconnect.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EventStreamTest {
    @Test
    void everyStreamFormMapsToItsApiPath() {
        assertEquals("/events", EventStream.parse("events").path());
        assertEquals("/repos/octo/hello.js/events", EventStream.parse("repos/octo/hello.js").path());
        assertEquals("/orgs/github/events", EventStream.parse(" orgs/github ").path());
        assertEquals("/users/octocat/events", EventStream.parse("users/octocat").path());
        assertEquals("/users/octocat/received_events", EventStream.parse("users/octocat/received").path());
        assertEquals("/networks/octo/hello/events", EventStream.parse("networks/octo/hello").path());
    }

    @Test
    void rejectsAnythingElseNamingTheForms() {
        for (String bad : new String[] {"", "repos/octo", "orgs/a/b", "users/x/sent", "gists", "repos/o/r/../x",
            "repos/o/r?x=1", "repos/../x", "orgs/."}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventStream.parse(bad),
                bad);
            assertEquals(true, e.getMessage().contains("repos/OWNER/REPO"), e.getMessage());
        }
    }
}
