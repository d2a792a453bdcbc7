package io.hf4j.hub;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A MockWebServer dispatcher answering by {@code "METHOD /path"} (path without query): each route has
 * a queue of answers (the last one repeats) or a function. Records every request.
 */
final class Routes extends Dispatcher {
  private final Map<String, Deque<Function<RecordedRequest, MockResponse>>> routes = new LinkedHashMap<>();
  final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

  synchronized Routes on(String methodAndPath, MockResponse... responses) {
    Deque<Function<RecordedRequest, MockResponse>> q = routes.computeIfAbsent(methodAndPath, k -> new ArrayDeque<>());
    for (MockResponse r : responses) q.add(req -> r);
    return this;
  }

  synchronized Routes on(String methodAndPath, Function<RecordedRequest, MockResponse> handler) {
    routes.computeIfAbsent(methodAndPath, k -> new ArrayDeque<>()).add(handler);
    return this;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    requests.add(request);
    String key = request.getMethod() + " " + request.getUrl().encodedPath();
    Function<RecordedRequest, MockResponse> handler;
    synchronized (this) {
      Deque<Function<RecordedRequest, MockResponse>> q = routes.get(key);
      if (q == null || q.isEmpty()) {
        return new MockResponse.Builder().code(599).body("no route for " + key).build();
      }
      handler = q.size() > 1 ? q.removeFirst() : q.peekFirst();
    }
    return handler.apply(request);
  }

  List<RecordedRequest> matching(String method, String path) {
    return requests.stream()
        .filter(r -> r.getMethod().equals(method) && r.getUrl().encodedPath().equals(path))
        .toList();
  }

  RecordedRequest only(String method, String path) {
    List<RecordedRequest> m = matching(method, path);
    if (m.size() != 1) throw new AssertionError("expected one " + method + " " + path + " but got " + m.size() + ": " + requests);
    return m.get(0);
  }

  List<String> lines() {
    return requests.stream().map(r -> r.getMethod() + " " + r.getUrl().encodedPath()).toList();
  }
}
