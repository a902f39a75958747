package io.tsconnect.testsupport.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/** Emits records {@code 0..count-1} once, tracking its position as a source offset. */
public class SequenceSourceTask extends SourceTask {
    private static final Map<String, String> PARTITION = Map.of("sequence", "0");
    private String topic;
    private int count;
    private int next;

    @Override
    public void start(Map<String, String> props) {
        topic = props.get("topic");
        count = Integer.parseInt(props.getOrDefault("count", "10"));
        Map<String, Object> offset = context.offsetStorageReader().offset(PARTITION);
        next = offset == null ? 0 : ((Number) offset.get("next")).intValue();
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (next >= count) {
            Thread.sleep(100);
            return null;
        }
        List<SourceRecord> out = new ArrayList<>();
        while (next < count && out.size() < 100) {
            out.add(new SourceRecord(PARTITION, Map.of("next", next + 1), topic, null, Schema.STRING_SCHEMA,
                "k" + next, Schema.STRING_SCHEMA, "record-" + next));
            next++;
        }
        return out;
    }

    @Override
    public void stop() {
    }

    @Override
    public String version() {
        return "test";
    }
}
