package io.tsconnect.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class SlotGrouperTest {
    @Test
    void slotsMatchRedisCluster() {
        // Values from the Redis Cluster specification / CLUSTER KEYSLOT.
        assertEquals(12182, SlotGrouper.slot("foo"));
        assertEquals(5061, SlotGrouper.slot("bar"));
        assertEquals(SlotGrouper.slot("user1000"), SlotGrouper.slot("{user1000}.following"));
    }

    @Test
    void clusterBatchesHoldOneSlotEachAndKeepSeriesOrder() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            samples.add(new Sample("series-" + (i % 7), (long) i, i, Map.of(), null));
        }
        List<List<Sample>> batches = new SlotGrouper(true).batches(samples, 4);
        assertEquals(50, batches.stream().mapToInt(List::size).sum());
        for (List<Sample> batch : batches) {
            Set<Integer> slots = batch.stream().map(s -> SlotGrouper.slot(s.key())).collect(Collectors.toSet());
            assertEquals(1, slots.size(), "one slot per TS.MADD");
            assertEquals(true, batch.size() <= 4);
        }
        for (int k = 0; k < 7; k++) {
            String key = "series-" + k;
            List<Long> order = batches.stream().flatMap(List::stream).filter(s -> s.key().equals(key))
                .map(Sample::timestamp).toList();
            assertEquals(order.stream().sorted().toList(), order, "samples of one series stay in order");
        }
    }

    @Test
    void standaloneBatchesAreConsecutiveChunks() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            samples.add(new Sample("k" + i, (long) i, i, Map.of(), null));
        }
        List<List<Sample>> batches = new SlotGrouper(false).batches(samples, 1000);
        assertEquals(List.of(1000, 1000, 500), batches.stream().map(List::size).toList());
        assertEquals(samples, batches.stream().flatMap(List::stream).toList());
    }
}
