package org.odfbeam.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Peak heap use of one benchmark phase, from the JVM's garbage collection notifications:
 * <ul>
 *   <li>{@code peak}: the most heap in use at any collection's start or at the phase's end (summed over the heap
 *       pools), the high-water mark of occupancy. The collector lets garbage pile up to a fraction of {@code -Xmx}
 *       before collecting, so this grows with the heap it is given;
 *   <li>{@code afterGc}: the most heap still in use right after any collection. Young collections leave the old
 *       generation's garbage in place, so this is an upper bound of what the phase retains, not the retained set.
 * </ul>
 * That the phase finished at all shows that it runs in {@code -Xmx}; running it with a smaller {@code -Xmx} is the
 * way to find how little it needs.
 * {@link #reset} runs a full collection first, so that a phase does not see its predecessor's garbage.
 */
final class HeapWatch implements NotificationListener {
  /** One phase's figures, in bytes. */
  record Peak(long peak, long afterGc, long max) {}

  private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(p -> p.getType() == MemoryType.HEAP).toList();
  private final Set<String> poolNames = pools.stream().map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
  private final AtomicLong peak = new AtomicLong();
  private final AtomicLong afterGc = new AtomicLong();

  HeapWatch() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(this, null, null);
      }
    }
  }

  /** Starts a phase: a full collection, then the peaks restart from what is live now. */
  void reset() {
    System.gc();
    long used = used();
    peak.set(used);
    afterGc.set(used);
  }

  /** The phase's figures so far. */
  Peak peak() {
    long used = used();
    peak.accumulateAndGet(used, Math::max);
    return new Peak(peak.get(), afterGc.get(), Runtime.getRuntime().maxMemory());
  }

  private long used() {
    long sum = 0;
    for (MemoryPoolMXBean p : pools) {
      sum += p.getUsage().getUsed();
    }
    return sum;
  }

  @Override
  public void handleNotification(Notification n, Object handback) {
    if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
      return;
    }
    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
    peak.accumulateAndGet(heapUsed(info.getGcInfo().getMemoryUsageBeforeGc()), Math::max);
    afterGc.accumulateAndGet(heapUsed(info.getGcInfo().getMemoryUsageAfterGc()), Math::max);
  }

  private long heapUsed(Map<String, MemoryUsage> usage) {
    long sum = 0;
    for (Map.Entry<String, MemoryUsage> e : usage.entrySet()) {
      if (poolNames.contains(e.getKey())) {
        sum += e.getValue().getUsed();
      }
    }
    return sum;
  }
}
