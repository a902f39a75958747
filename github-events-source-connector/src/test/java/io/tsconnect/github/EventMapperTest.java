package io.tsconnect.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Date;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tsconnect.common.Template;
import io.tsconnect.github.config.ValueFormat;

class EventMapperTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventStream EVENTS = EventStream.parse("events");

    private static JsonNode fixture(String name) throws IOException {
        try (InputStream in = EventMapperTest.class.getResourceAsStream("/github/" + name)) {
            return JSON.readTree(in);
        }
    }

    @Test
    void structCarriesTheCommonFieldsAndThePayloadAsJsonText() throws IOException {
        JsonNode event = fixture("events-page-2013-01-10.json").get(7); // WatchEvent with an org
        SourceRecord record = new EventMapper(Template.parse("github-events"), ValueFormat.STRUCT)
            .toRecord(EVENTS, event, StreamOffset.EMPTY.plus("1652857702", Instant.parse("2013-01-10T07:58:26Z")));
        Struct value = (Struct) record.value();
        assertEquals("1652857702", record.key());
        assertEquals("github-events", record.topic());
        assertEquals(Instant.parse("2013-01-10T07:58:26Z").toEpochMilli(), record.timestamp());
        assertEquals("1652857702", value.getString("id"));
        assertEquals("WatchEvent", value.getString("type"));
        assertEquals(Date.from(Instant.parse("2013-01-10T07:58:26Z")), value.get("created_at"));
        assertEquals("neeckeloo", value.getString("actor"));
        assertEquals(1768645L, value.getInt64("actor_id"));
        assertEquals("pmsipilot/jquery-highchartTable-plugin", value.getString("repo"));
        assertEquals("pmsipilot", value.getString("org"));
        assertEquals(Boolean.TRUE, value.getBoolean("public"));
        assertEquals(event.get("payload"), JSON.readTree(value.getString("payload")));
        assertEquals(EVENTS.partition(), record.sourcePartition());
        assertEquals("1652857702", record.sourceOffset().get(StreamOffset.NEWEST_ID));
        value.validate();
    }

    @Test
    void orgIsOptionalAndPrivateAndNewPushPayloadsPassThrough() throws IOException {
        JsonNode events = fixture("openapi-examples-events.json");
        EventMapper mapper = new EventMapper(Template.parse("gh"), ValueFormat.STRUCT);
        Struct push = (Struct) mapper.toRecord(EVENTS, events.get(0), StreamOffset.EMPTY).value();
        assertNull(push.getString("org"));
        assertEquals("{\"repository_id\":1296269,\"push_id\":10115855396,\"ref\":\"refs/heads/master\","
            + "\"head\":\"7a8f3ac80e2ad2f6842cb86f576d4bfe2c03e300\","
            + "\"before\":\"883efe034920928c47fe18598c01249d1a9fdabd\"}", push.getString("payload"));
        Struct created = (Struct) mapper.toRecord(EVENTS, events.get(3), StreamOffset.EMPTY).value();
        assertFalse(created.getBoolean("public"));
    }

    @Test
    void unknownTypesAndMissingFieldsStillMakeARecord() throws IOException {
        JsonNode odd = JSON.readTree("{\"id\":\"99999999999\",\"type\":\"SponsorshipFutureEvent\","
            + "\"created_at\":\"2026-01-01T00:00:00Z\",\"payload\":{}}");
        SourceRecord record = new EventMapper(Template.parse("gh.${type}"), ValueFormat.STRUCT)
            .toRecord(EVENTS, odd, StreamOffset.EMPTY);
        assertEquals("gh.SponsorshipFutureEvent", record.topic());
        Struct value = (Struct) record.value();
        assertNull(value.getString("actor"));
        assertNull(value.getInt64("repo_id"));
        value.validate();
    }

    @Test
    void rawJsonValueAndStreamTemplate() throws IOException {
        JsonNode event = fixture("events-page-2013-01-10.json").get(0);
        SourceRecord record = new EventMapper(Template.parse("github.${stream}"), ValueFormat.JSON)
            .toRecord(EventStream.parse("repos/jathanism/trigger"), event, StreamOffset.EMPTY);
        assertEquals("github.repos.jathanism.trigger", record.topic());
        assertEquals(Schema.STRING_SCHEMA, record.valueSchema());
        assertEquals(event, JSON.readTree((String) record.value()));
    }
}
