package org.opensmartagent.testkit.fleet;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;

/**
 * Samples the used heap every {@code period} on a daemon thread and keeps the peak; the peak thread
 * count comes from the JVM. Measurement only: it reads real time by design.
 */
final class ResourceSampler implements AutoCloseable {
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Thread thread;
  private volatile long peakHeap;
  private volatile boolean running = true;

  ResourceSampler(long periodMillis) {
    threads.resetPeakThreadCount();
    thread =
        new Thread(
            () -> {
              while (running) {
                sample();
                try {
                  Thread.sleep(periodMillis);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "fleet-resource-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  void sample() {
    long used = memory.getHeapMemoryUsage().getUsed();
    if (used > peakHeap) {
      peakHeap = used;
    }
  }

  long peakHeapBytes() {
    sample();
    return peakHeap;
  }

  int peakThreads() {
    return threads.getPeakThreadCount();
  }

  /** Heap in use after a full collection (best effort: {@code System.gc()} twice). */
  long heapAfterGc() {
    System.gc();
    System.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
