package io.hf4j.jobs;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Answers by path, each path from its own queue, so background requests (liveness checks) cannot take
 * another path's answer. The last answer of a queue repeats once the queue is down to it.
 */
final class Router extends Dispatcher {
  private final Map<String, Deque<MockResponse>> queues = new ConcurrentHashMap<>();
  private final List<String> targets = new CopyOnWriteArrayList<>();

  Router on(String path, MockResponse... responses) {
    Deque<MockResponse> q = queues.computeIfAbsent(path, p -> new ArrayDeque<>());
    synchronized (q) {
      q.addAll(List.of(responses));
    }
    return this;
  }

  /** The request targets (path and query) in arrival order. */
  List<String> targets() {
    return List.copyOf(targets);
  }

  long count(String path) {
    return targets.stream().filter(t -> t.equals(path) || t.startsWith(path + "?")).count();
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    targets.add(request.getTarget());
    Deque<MockResponse> q = queues.get(request.getUrl().encodedPath());
    if (q == null) return new MockResponse.Builder().code(404).body("{\"error\":\"no route\"}").build();
    synchronized (q) {
      return q.size() > 1 ? q.removeFirst() : q.getFirst();
    }
  }
}
