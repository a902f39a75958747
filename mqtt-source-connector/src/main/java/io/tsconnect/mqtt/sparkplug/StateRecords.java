package io.tsconnect.mqtt.sparkplug;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * Online/offline records for the state topic: an edge node (NBIRTH/NDEATH; its devices go offline with it), a
 * device (DBIRTH/DDEATH) or a host application (STATE).
 */
final class StateRecords {
    static final Schema SCHEMA = SchemaBuilder.struct().name("io.tsconnect.sparkplug.State")
        .field("group", Schema.OPTIONAL_STRING_SCHEMA)
        .field("edge_node", Schema.OPTIONAL_STRING_SCHEMA)
        .field("device", Schema.OPTIONAL_STRING_SCHEMA)
        .field("host_id", Schema.OPTIONAL_STRING_SCHEMA)
        .field("state", Schema.STRING_SCHEMA)
        .field("message_type", Schema.STRING_SCHEMA)
        .field("timestamp", Schema.INT64_SCHEMA)
        .field("bd_seq", Schema.OPTIONAL_INT64_SCHEMA)
        .build();

    private StateRecords() {
    }

    static Struct value(Decoded decoded) {
        SparkplugTopic topic = decoded.topic();
        return new Struct(SCHEMA)
            .put("group", topic.group())
            .put("edge_node", topic.edgeNode())
            .put("device", topic.device())
            .put("host_id", topic.hostId())
            .put("state", decoded.state())
            .put("message_type", topic.type().name())
            .put("timestamp", decoded.timestamp())
            .put("bd_seq", decoded.bdSeq());
    }
}
