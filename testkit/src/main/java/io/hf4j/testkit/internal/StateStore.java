package io.hf4j.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The emulator's repos on disk, saved repo by repo so that a save costs what changed, not everything stored.
 *
 * <p>Layout under the data directory:
 * <pre>
 * repos/format.json               {"version":2}, written once the layout is complete
 * repos/&lt;32 hex&gt;/repo.json        one repo's record: everything but its commits and LFS objects, rewritten
 *                                 whole (temporary file, then an atomic move) on each mutation of that repo
 * repos/&lt;32 hex&gt;/commits.jsonl    its commits, one JSON object a line, appended once each, oldest first
 * repos/&lt;32 hex&gt;/lfs.txt          the LFS objects (SHA-256) uploaded for it, one a line, appended once each
 * </pre>
 * A repo's folder name is random, never derived from its id, so no id can steer a path. A journal line is
 * appended before the record naming it is rewritten; a last line cut short (a crash) is cut away on load. A
 * deleted repo loses its record first, then its folder; a folder without a record is removed on load.
 *
 * <p>A data directory of the first format ({@code state.json}: every repo with every commit in one file) still
 * loads; the first save then writes the whole new layout, and only then removes {@code state.json}.
 *
 * <p>Not thread-safe: {@link HubState} calls it under its lock.
 */
final class StateStore {
  private static final int VERSION = 2;
  private static final String RECORD = "repo.json";
  private static final String COMMITS = "commits.jsonl";
  private static final String LFS = "lfs.txt";

  /** Where one loaded or saved repo lives, and how much of its journals is on disk. */
  private static final class Entry {
    final Path dir;
    long order;
    final AppendLog commits;
    final AppendLog lfs;

    Entry(Path dir, long order) {
      this.dir = dir;
      this.order = order;
      this.commits = new AppendLog(dir.resolve(COMMITS));
      this.lfs = new AppendLog(dir.resolve(LFS));
    }
  }

  private final Path reposDir;
  private final Path format;
  private final Path legacy;
  private final Map<RepoData, Entry> entries = new IdentityHashMap<>();
  private long nextOrder;
  /** Whether {@code repos/format.json} is on disk (the layout is in use). */
  private boolean formatted;
  /** Whether the repos were loaded from {@code state.json} and the new layout is not written yet. */
  private boolean migrationPending;

  StateStore(Path dataDir) {
    this.reposDir = dataDir.resolve("repos");
    this.format = reposDir.resolve("format.json");
    this.legacy = dataDir.resolve("state.json");
  }

  // ---------------------------------------------------------------- load

  /** The saved repos, in the order the emulator lists them (creation or last move). */
  List<RepoData> load() {
    try {
      if (Files.exists(format)) {
        checkFormat();
        formatted = true;
        // A migration that stopped after writing the layout: the old file is obsolete.
        Files.deleteIfExists(legacy);
        return loadLayout();
      }
      if (Files.exists(legacy)) {
        migrationPending = true;
        return loadLegacy();
      }
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the emulator state in " + reposDir.getParent(), e);
    }
  }

  private void checkFormat() throws IOException {
    Object version = Json.asObject(Json.parse(Files.readAllBytes(format)), "format").get("version");
    if (!(version instanceof Number) || ((Number) version).intValue() != VERSION) {
      throw new IllegalStateException("emulator state " + format + " has version " + version + "; this emulator reads "
          + VERSION);
    }
  }

  private List<RepoData> loadLayout() throws IOException {
    List<Path> dirs = new ArrayList<>();
    try (DirectoryStream<Path> in = Files.newDirectoryStream(reposDir)) {
      for (Path p : in) {
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          dirs.add(p);
        }
      }
    }
    List<RepoData> out = new ArrayList<>();
    for (Path dir : dirs) {
      Path record = dir.resolve(RECORD);
      if (!Files.exists(record)) {
        deleteTree(dir); // a delete cut short after its record went
        continue;
      }
      Map<String, Object> m = Json.asObject(Json.parse(Files.readAllBytes(record)), "repo record " + record);
      RepoData r = readRecord(m);
      Long order = Json.integer(m, "order");
      if (order == null) {
        throw new IllegalStateException("emulator state " + record + " has no order");
      }
      Entry e = new Entry(dir, order);
      for (byte[] line : e.commits.read()) {
        readCommit(r, Json.asObject(Json.parse(line), "commit in " + e.commits.path));
      }
      e.commits.count = r.commits.size();
      for (byte[] line : e.lfs.read()) {
        r.lfsObjects.add(new String(line, StandardCharsets.US_ASCII));
      }
      e.lfs.count = r.lfsObjects.size();
      checkHeads(r, record);
      entries.put(r, e);
      out.add(r);
      nextOrder = Math.max(nextOrder, e.order + 1);
    }
    out.sort(Comparator.comparingLong(r -> entries.get(r).order));
    return out;
  }

  private List<RepoData> loadLegacy() throws IOException {
    Map<String, Object> root = Json.asObject(Json.parse(Files.readAllBytes(legacy)), "state");
    List<RepoData> out = new ArrayList<>();
    for (Object o : Json.asList(root.get("repos"), "repos")) {
      Map<String, Object> m = Json.asObject(o, "repo");
      RepoData r = readRecord(m);
      for (Object l : Json.asList(m.get("lfsObjects"), "lfsObjects")) {
        r.lfsObjects.add((String) l);
      }
      for (Object co : Json.asList(m.get("commits"), "commits")) {
        readCommit(r, Json.asObject(co, "commit"));
      }
      out.add(r);
    }
    return out;
  }

  /** Every head a record names is a loaded commit (else the journal lost a line the record relied on). */
  private static void checkHeads(RepoData r, Path record) {
    List<String> heads = new ArrayList<>(r.branches.values());
    heads.addAll(r.tags.values());
    heads.addAll(r.prRefs.values());
    for (String head : heads) {
      if (!r.commits.containsKey(head)) {
        throw new IllegalStateException("emulator state " + record + " (" + r.key() + ") names commit " + head
            + " that its " + COMMITS + " lacks");
      }
    }
  }

  private static RepoData readRecord(Map<String, Object> m) {
    RepoData r = new RepoData(Json.string(m, "type"), Json.string(m, "id"), Json.string(m, "objectId"),
        Instant.parse(Json.string(m, "createdAt")), Boolean.TRUE.equals(m.get("private")));
    r.lastModified = Instant.parse(Json.string(m, "lastModified"));
    r.gated = Json.string(m, "gated");
    r.attributes.putAll(Json.asObject(m.get("attributes"), "attributes"));
    Json.asObject(m.get("branches"), "branches").forEach((k, v) -> r.branches.put(k, (String) v));
    Json.asObject(m.get("tags"), "tags").forEach((k, v) -> r.tags.put(k, (String) v));
    if (m.get("tagMessages") instanceof Map) {
      Json.asObject(m.get("tagMessages"), "tagMessages").forEach((k, v) -> r.tagMessages.put(k, (String) v));
    }
    r.discussionsDisabled = Boolean.TRUE.equals(m.get("discussionsDisabled"));
    Json.asObject(m.get("prRefs"), "prRefs").forEach((k, v) -> r.prRefs.put(Integer.valueOf(k), (String) v));
    for (Object p : Json.asList(m.get("pullRequests"), "pullRequests")) {
      Map<String, Object> pm = Json.asObject(p, "pr");
      RepoData.PullRequest pr = new RepoData.PullRequest(Json.integer(pm, "num").intValue(), Json.string(pm, "title"),
          Json.string(pm, "author"), Instant.parse(Json.string(pm, "createdAt")));
      pr.status = Json.string(pm, "status");
      pr.isPullRequest = Boolean.TRUE.equals(pm.get("isPullRequest")) || r.prRefs.containsKey(pr.num);
      if (pm.get("targetBranch") instanceof String tb) {
        pr.targetBranch = tb;
      }
      pr.baseCommit = pm.get("baseCommit") instanceof String bc ? bc : null;
      pr.mergeCommitId = pm.get("mergeCommitId") instanceof String mc ? mc : null;
      if (pm.get("events") instanceof List<?> evs) {
        for (Object ev : evs) {
          pr.events.add(Json.asObject(ev, "event"));
        }
      }
      r.pullRequests.put(pr.num, pr);
    }
    r.nextDiscussion = Json.integer(m, "nextDiscussion").intValue();
    return r;
  }

  /** Adds a saved commit to {@code r}: its tree is its first parent's with its changes applied. */
  private static void readCommit(RepoData r, Map<String, Object> cm) {
    List<String> parents = new ArrayList<>();
    for (Object p : Json.asList(cm.get("parents"), "parents")) {
      parents.add((String) p);
    }
    TreeMap<String, FileRef> tree = new TreeMap<>();
    if (!parents.isEmpty()) {
      CommitData parent = r.commits.get(parents.get(0));
      if (parent == null) {
        throw new IllegalStateException("emulator state: commit " + Json.string(cm, "id") + " of " + r.key()
            + " comes before its parent " + parents.get(0));
      }
      tree.putAll(parent.tree());
    }
    Map<String, FileRef> changes = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : Json.asObject(cm.get("changes"), "changes").entrySet()) {
      if (e.getValue() == null) {
        tree.remove(e.getKey());
        changes.put(e.getKey(), null);
      } else {
        List<Object> f = Json.asList(e.getValue(), "file");
        FileRef ref = new FileRef(((Number) f.get(0)).longValue(), (String) f.get(1), (Boolean) f.get(2), (String) f.get(3));
        tree.put(e.getKey(), ref);
        changes.put(e.getKey(), ref);
      }
    }
    CommitData c = new CommitData(Json.string(cm, "id"), List.copyOf(parents),
        Collections.unmodifiableSortedMap(tree), Collections.unmodifiableMap(changes), Json.string(cm, "title"),
        Json.string(cm, "message"), Json.string(cm, "author"), Instant.parse(Json.string(cm, "date")),
        GitObjects.treeOid(tree));
    r.commits.put(c.id(), c);
  }

  // ---------------------------------------------------------------- save

  /**
   * Saves repo {@code r} (created or changed): appends its new commits and LFS objects, then rewrites its record.
   * {@code all} are every repo of the emulator, written whole by a pending migration.
   */
  void save(RepoData r, Collection<RepoData> all) {
    try {
      if (migrationPending) {
        migrate(all);
        return;
      }
      if (!formatted) {
        writeFormat();
      }
      write(r);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save " + r.key() + " in " + reposDir, e);
    }
  }

  /** Moves {@code r} to the end of the listing order (as a moved repo is); {@link #save} follows. */
  void moved(RepoData r) {
    Entry e = entries.get(r);
    if (e != null) {
      e.order = nextOrder++;
    }
  }

  /** Removes deleted repo {@code r}: its record first, then its folder. */
  void delete(RepoData r, Collection<RepoData> all) {
    try {
      if (migrationPending) {
        migrate(all);
        return;
      }
      Entry e = entries.remove(r);
      if (e != null) {
        Files.deleteIfExists(e.dir.resolve(RECORD));
        deleteTree(e.dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + r.key() + " from " + reposDir, e);
    }
  }

  private void migrate(Collection<RepoData> all) throws IOException {
    if (Files.isDirectory(reposDir)) {
      try (Stream<Path> old = Files.list(reposDir)) { // what an earlier migration cut short left
        for (Path p : (Iterable<Path>) old::iterator) {
          deleteTree(p);
        }
      }
    }
    for (RepoData r : all) {
      write(r);
    }
    writeFormat();
    Files.deleteIfExists(legacy);
    migrationPending = false;
  }

  private void writeFormat() throws IOException {
    Files.createDirectories(reposDir);
    replace(format, Json.write(Map.of("version", VERSION)).getBytes(StandardCharsets.UTF_8));
    formatted = true;
  }

  private void write(RepoData r) throws IOException {
    Entry e = entries.get(r);
    if (e == null) {
      Path dir;
      do {
        dir = reposDir.resolve(Ids.randomHex(16));
      } while (Files.exists(dir));
      Files.createDirectories(dir);
      e = new Entry(dir, nextOrder++);
      entries.put(r, e);
    }
    appendNew(r.commits.values(), e.commits, c -> Json.write(commit(c)));
    appendNew(r.lfsObjects, e.lfs, sha -> sha);
    replace(e.dir.resolve(RECORD), Json.write(record(r, e.order)).getBytes(StandardCharsets.UTF_8));
  }

  /** Appends to {@code log} the elements of {@code all} past the ones on disk, a line each, as {@code line} gives them. */
  private static <T> void appendNew(Collection<T> all, AppendLog log, java.util.function.Function<T, String> line)
      throws IOException {
    int size = all.size();
    if (size == log.count) {
      return;
    }
    Iterator<T> it = all.iterator();
    if (size < log.count) {
      log.reset(); // elements went away: rewrite the journal (no route does this today)
    } else {
      for (int i = 0; i < log.count; i++) {
        it.next();
      }
    }
    StringBuilder text = new StringBuilder();
    while (it.hasNext()) {
      text.append(line.apply(it.next())).append('\n');
    }
    log.append(text.toString().getBytes(StandardCharsets.UTF_8), size);
  }

  private static Map<String, Object> record(RepoData r, long order) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", r.type);
    m.put("id", r.id);
    m.put("order", order);
    m.put("objectId", r.objectId);
    m.put("createdAt", r.createdAt.toString());
    m.put("lastModified", r.lastModified.toString());
    m.put("private", r.isPrivate);
    m.put("gated", r.gated);
    m.put("attributes", r.attributes);
    m.put("branches", r.branches);
    m.put("tags", r.tags);
    m.put("tagMessages", r.tagMessages);
    m.put("discussionsDisabled", r.discussionsDisabled);
    Map<String, Object> prRefs = new LinkedHashMap<>();
    r.prRefs.forEach((k, v) -> prRefs.put(String.valueOf(k), v));
    m.put("prRefs", prRefs);
    List<Object> prs = new ArrayList<>();
    for (RepoData.PullRequest pr : r.pullRequests.values()) {
      Map<String, Object> pm = new LinkedHashMap<>(Map.of("num", pr.num, "title", pr.title, "author", pr.author,
          "createdAt", pr.createdAt.toString(), "status", pr.status));
      pm.put("isPullRequest", pr.isPullRequest);
      pm.put("targetBranch", pr.targetBranch);
      pm.put("baseCommit", pr.baseCommit);
      pm.put("mergeCommitId", pr.mergeCommitId);
      pm.put("events", pr.events);
      prs.add(pm);
    }
    m.put("pullRequests", prs);
    m.put("nextDiscussion", r.nextDiscussion);
    return m;
  }

  private static Map<String, Object> commit(CommitData c) {
    Map<String, Object> cm = new LinkedHashMap<>();
    cm.put("id", c.id());
    cm.put("parents", c.parents());
    cm.put("title", c.title());
    cm.put("message", c.message());
    cm.put("author", c.author());
    cm.put("date", c.date().toString());
    Map<String, Object> changes = new LinkedHashMap<>();
    c.changes().forEach((p, f) -> changes.put(p, f == null ? null : List.of(f.size(), f.sha256(), f.lfs(), f.gitOid())));
    cm.put("changes", changes);
    return cm;
  }

  /** Writes {@code file} whole: a temporary file beside it, then an atomic move over it. */
  private static void replace(Path file, byte[] content) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, content);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      List<Path> paths = walk.sorted(Comparator.reverseOrder()).toList();
      for (Path p : paths) {
        Files.deleteIfExists(p);
      }
    }
  }

  /**
   * A file of lines only ever appended to. It knows how many bytes of it are good, so an append that failed half
   * way is cut away before the next one, and so is a last line a crash cut short (found on load).
   */
  private static final class AppendLog {
    final Path path;
    /** Bytes of whole lines on disk. */
    long bytes;
    /** Elements of the repo's collection that are on disk. */
    int count;

    AppendLog(Path path) {
      this.path = path;
    }

    /** The whole lines (without their {@code \n}); a last line without one is cut off the file. */
    List<byte[]> read() throws IOException {
      if (!Files.exists(path)) {
        return List.of();
      }
      byte[] all = Files.readAllBytes(path);
      List<byte[]> lines = new ArrayList<>();
      int start = 0;
      for (int i = 0; i < all.length; i++) {
        if (all[i] == '\n') {
          lines.add(Arrays.copyOfRange(all, start, i));
          start = i + 1;
        }
      }
      bytes = start;
      if (start < all.length) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
          ch.truncate(start);
        }
      }
      return lines;
    }

    void reset() throws IOException {
      Files.deleteIfExists(path);
      bytes = 0;
      count = 0;
    }

    void append(byte[] text, int newCount) throws IOException {
      try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        long size = ch.size();
        if (size < bytes) {
          throw new IOException(path + " lost lines it had (" + size + " bytes, " + bytes + " expected)");
        }
        if (size > bytes) {
          ch.truncate(bytes); // what an append that failed half way left
        }
        ByteBuffer buf = ByteBuffer.wrap(text);
        long at = bytes;
        while (buf.hasRemaining()) {
          at += ch.write(buf, at);
        }
      }
      bytes += text.length;
      count = newCount;
    }
  }
}
