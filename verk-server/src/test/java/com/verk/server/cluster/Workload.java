package com.verk.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.Api;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Users working through the load balancer: each unit creates a project, then a task in it, each
 * request sent to the next live node in turn. A request cut off by a dying node was not
 * acknowledged (its change may or may not have committed) and is made again, as a new object, on
 * the next node. Only acknowledged (201) creations are expected to reach every webhook.
 */
final class Workload implements AutoCloseable {

  /** An acknowledged event: its type and the id of the object it is about. */
  record Event(String type, String objectId) {}

  private final List<ClusterNode> nodes;
  private final String key;
  private final Set<Event> acknowledged = ConcurrentHashMap.newKeySet();
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger units = new AtomicInteger();
  private final AtomicInteger cutOff = new AtomicInteger();
  private final int concurrency;
  private final ExecutorService pool;
  private volatile boolean stopping;
  // Units to create at most, so that a fast machine does not queue thousands while we wait.
  private volatile int limit = 200;
  private List<Future<?>> workers = List.of();

  Workload(List<ClusterNode> nodes, String key, int concurrency) {
    this.nodes = nodes;
    this.key = key;
    this.concurrency = concurrency;
    this.pool = Executors.newFixedThreadPool(concurrency);
  }

  /** Starts workers that create units until {@link #stop()}. */
  void start() {
    workers =
        IntStream.range(0, concurrency)
            .<Future<?>>mapToObj(
                i ->
                    pool.submit(
                        () -> {
                          for (int n = next.getAndIncrement();
                              !stopping && n < limit;
                              n = next.getAndIncrement()) {
                            unit(n);
                          }
                          return null;
                        }))
            .toList();
  }

  /** Lets the workers create units until {@code total} have been started, then stop. */
  void limit(int total) {
    limit = total;
  }

  /** Stops the workers after their current unit; rethrows what failed in them. */
  void stop() throws Exception {
    stopping = true;
    for (Future<?> worker : workers) {
      worker.get(60, TimeUnit.SECONDS);
    }
  }

  /** Creates one unit in the calling thread. */
  void unit(int n) {
    String project = create("/v1/projects", Map.of("name", "Project " + n), n);
    acknowledged.add(new Event("project.created", project));
    String task = create("/v1/tasks", Map.of("title", "Task " + n, "projectId", project), n + 1);
    acknowledged.add(new Event("task.created", task));
    units.incrementAndGet();
  }

  private String create(String path, Map<String, Object> body, int turn) {
    for (int i = 0; i < nodes.size(); i++) {
      ClusterNode node = nodes.get((turn + i) % nodes.size());
      if (!node.alive()) {
        continue;
      }
      try {
        Api.Result created = node.api(key).post(path, body);
        assertThat(created.status())
            .as(path + " on " + node.id() + ": " + created.body())
            .isEqualTo(201);
        return created.json().path("id").asString();
      } catch (UncheckedIOException nodeDied) {
        cutOff.incrementAndGet();
      }
    }
    throw new AssertionError("no live node answered " + path);
  }

  int units() {
    return units.get();
  }

  /** Requests that a dying node cut off, never acknowledged. */
  int cutOff() {
    return cutOff.get();
  }

  Set<Event> acknowledged() {
    return Set.copyOf(acknowledged);
  }

  @Override
  public void close() {
    stopping = true;
    pool.shutdownNow();
  }
}
