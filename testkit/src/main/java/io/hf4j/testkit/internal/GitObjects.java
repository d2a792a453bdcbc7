package io.hf4j.testkit.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Git tree and commit object ids, computed the way git does so ids look and behave like the Hub's. */
public final class GitObjects {
  private GitObjects() {}

  private static final class Node {
    final TreeMap<String, Node> dirs = new TreeMap<>();
    final TreeMap<String, FileRef> files = new TreeMap<>();
  }

  /** Tree object ids of every directory of {@code tree}, keyed by directory path ({@code ""} = root). */
  public static Map<String, String> directoryOids(SortedMap<String, FileRef> tree) {
    Node root = new Node();
    for (Map.Entry<String, FileRef> e : tree.entrySet()) {
      String[] parts = e.getKey().split("/");
      Node n = root;
      for (int i = 0; i < parts.length - 1; i++) {
        n = n.dirs.computeIfAbsent(parts[i], k -> new Node());
      }
      n.files.put(parts[parts.length - 1], e.getValue());
    }
    Map<String, String> out = new HashMap<>();
    hashTree(root, "", out);
    return out;
  }

  public static String treeOid(SortedMap<String, FileRef> tree) {
    return directoryOids(tree).get("");
  }

  private static String hashTree(Node node, String path, Map<String, String> out) {
    record Entry(byte[] sortKey, String mode, String name, String oid) {}
    List<Entry> entries = new ArrayList<>();
    for (Map.Entry<String, Node> d : node.dirs.entrySet()) {
      String childPath = path.isEmpty() ? d.getKey() : path + "/" + d.getKey();
      String oid = hashTree(d.getValue(), childPath, out);
      entries.add(new Entry((d.getKey() + "/").getBytes(StandardCharsets.UTF_8), "40000", d.getKey(), oid));
    }
    for (Map.Entry<String, FileRef> f : node.files.entrySet()) {
      entries.add(new Entry(f.getKey().getBytes(StandardCharsets.UTF_8), "100644", f.getKey(), f.getValue().gitOid()));
    }
    entries.sort((a, b) -> java.util.Arrays.compareUnsigned(a.sortKey(), b.sortKey()));
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Entry e : entries) {
      body.writeBytes((e.mode() + " " + e.name()).getBytes(StandardCharsets.UTF_8));
      body.write(0);
      body.writeBytes(HexFormat.of().parseHex(e.oid()));
    }
    String oid = hashObject("tree", body.toByteArray());
    out.put(path, oid);
    return oid;
  }

  /** The id of a commit object with these fields. */
  public static String commitOid(String treeOid, List<String> parents, String author, Instant date, String message) {
    StringBuilder sb = new StringBuilder();
    sb.append("tree ").append(treeOid).append('\n');
    for (String p : parents) {
      sb.append("parent ").append(p).append('\n');
    }
    String ident = author + " <" + author + "@users.noreply.huggingface.co> " + date.getEpochSecond() + " +0000";
    sb.append("author ").append(ident).append('\n');
    sb.append("committer ").append(ident).append('\n');
    sb.append('\n').append(message);
    if (!message.endsWith("\n")) {
      sb.append('\n');
    }
    return hashObject("commit", sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static String hashObject(String type, byte[] body) {
    MessageDigest d = Hashes.digest("SHA-1");
    d.update((type + " " + body.length + "\0").getBytes(StandardCharsets.US_ASCII));
    d.update(body);
    return Hashes.hex(d.digest());
  }
}
