package io.tsconnect.github;

import java.time.Instant;
import java.util.Date;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.source.SourceRecord;

import com.fasterxml.jackson.databind.JsonNode;

import io.tsconnect.common.Template;
import io.tsconnect.github.config.ValueFormat;

/**
 * Turns an event into a record: key = event id, timestamp = {@code created_at}, topic from the topic template,
 * value a {@link #VALUE_SCHEMA} Struct or the raw event JSON. Every event type passes through, known or not.
 */
final class EventMapper {
    /** The Struct value. {@code created_at} is a Timestamp: epoch milliseconds with the JSON converter. */
    static final Schema VALUE_SCHEMA = SchemaBuilder.struct().name("io.tsconnect.github.Event").version(1)
        .doc("A GitHub event; payload holds the type-specific part as JSON text.")
        .field("id", Schema.STRING_SCHEMA)
        .field("type", Schema.OPTIONAL_STRING_SCHEMA)
        .field("created_at", Timestamp.SCHEMA)
        .field("actor", Schema.OPTIONAL_STRING_SCHEMA)
        .field("actor_id", Schema.OPTIONAL_INT64_SCHEMA)
        .field("repo", Schema.OPTIONAL_STRING_SCHEMA)
        .field("repo_id", Schema.OPTIONAL_INT64_SCHEMA)
        .field("org", Schema.OPTIONAL_STRING_SCHEMA)
        .field("public", Schema.OPTIONAL_BOOLEAN_SCHEMA)
        .field("payload", Schema.OPTIONAL_STRING_SCHEMA)
        .build();

    private final Template topic;
    private final ValueFormat format;

    EventMapper(Template topic, ValueFormat format) {
        this.topic = topic;
        this.format = format;
    }

    SourceRecord toRecord(EventStream stream, JsonNode event, StreamOffset offset) {
        String id = EventFields.id(event);
        Instant created = EventFields.createdAt(event);
        String type = text(event.get("type"));
        String topicName = topic.render(name -> switch (name) {
            case "stream" -> stream.topicSafeName();
            case "type" -> type == null ? "unknown" : type;
            default -> null;
        });
        Schema schema = format == ValueFormat.JSON ? Schema.STRING_SCHEMA : VALUE_SCHEMA;
        Object value = format == ValueFormat.JSON ? event.toString() : struct(event, id, type, created);
        return new SourceRecord(stream.partition(), offset.toMap(), topicName, null, Schema.STRING_SCHEMA, id,
            schema, value, created.toEpochMilli());
    }

    private static Struct struct(JsonNode event, String id, String type, Instant created) {
        JsonNode actor = event.path("actor");
        JsonNode repo = event.path("repo");
        JsonNode payload = event.get("payload");
        Struct struct = new Struct(VALUE_SCHEMA)
            .put("id", id)
            .put("type", type)
            .put("created_at", Date.from(created))
            .put("actor", text(actor.get("login")))
            .put("actor_id", number(actor.get("id")))
            .put("repo", text(repo.get("name")))
            .put("repo_id", number(repo.get("id")))
            .put("org", text(event.path("org").get("login")))
            .put("payload", payload == null || payload.isNull() ? null : payload.toString());
        JsonNode isPublic = event.get("public");
        if (isPublic != null && isPublic.isBoolean()) {
            struct.put("public", isPublic.booleanValue());
        }
        return struct;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asText();
    }

    private static Long number(JsonNode node) {
        return node != null && node.canConvertToLong() ? node.asLong() : null;
    }
}
