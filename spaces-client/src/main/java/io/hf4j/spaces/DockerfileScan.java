package io.hf4j.spaces;

import org.jspecify.annotations.Nullable;
import io.hf4j.core.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a Dockerfile says about ports and build secrets, read without running Docker. */
final class DockerfileScan {
  private static final Pattern VAR = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}?");
  private static final Pattern SECRET_MOUNT = Pattern.compile("--mount=([^\\s]*type=secret[^\\s]*)");
  private static final Set<String> PORT_FLAGS = Set.of("--port", "-p", "--server.port", "--server-port", "--http-port");
  private static final Set<String> BIND_FLAGS = Set.of("--bind", "-b", "--listen");
  private static final Set<String> HOST_FLAGS = Set.of("--host", "-h", "--server.address", "--hostname", "--server-name");

  final List<Integer> exposed = new ArrayList<>();
  final Map<String, String> env = new LinkedHashMap<>();
  /** Ports found in CMD/ENTRYPOINT (flags, binds, positional http.server port). */
  final List<Integer> servedPorts = new ArrayList<>();
  /** Where the served port came from, for messages. */
  @Nullable String servedSource;
  boolean bindsLocalhost;
  final Set<String> buildSecrets = new LinkedHashSet<>();
  @Nullable String command;

  static DockerfileScan scan(String text) {
    DockerfileScan s = new DockerfileScan();
    String cmd = null;
    String entrypoint = null;
    for (String line : logicalLines(text)) {
      int sp = indexOfWhitespace(line);
      if (sp < 0) continue;
      String instr = line.substring(0, sp).toUpperCase(Locale.ROOT);
      String args = line.substring(sp).strip();
      switch (instr) {
        case "FROM":
          // A new stage starts; only the last stage's CMD/ENTRYPOINT/EXPOSE count.
          s.exposed.clear();
          cmd = null;
          entrypoint = null;
          break;
        case "EXPOSE":
          for (String tok : args.split("\\s+")) {
            String p = s.expand(tok);
            int slash = p.indexOf('/');
            if (slash >= 0) p = p.substring(0, slash);
            Integer port = parsePort(p);
            if (port != null) s.exposed.add(port);
          }
          break;
        case "ENV":
        case "ARG":
          s.readAssignments(args, instr.equals("ENV"));
          break;
        case "CMD":
          cmd = args;
          break;
        case "ENTRYPOINT":
          entrypoint = args;
          break;
        case "RUN":
          Matcher m = SECRET_MOUNT.matcher(args);
          while (m.find()) {
            for (String kv : m.group(1).split(",")) {
              if (kv.startsWith("id=")) s.buildSecrets.add(kv.substring(3));
            }
          }
          break;
        default:
          break;
      }
    }
    List<String> tokens = new ArrayList<>();
    if (entrypoint != null) tokens.addAll(tokens(entrypoint));
    if (cmd != null) tokens.addAll(tokens(cmd));
    s.command = tokens.isEmpty() ? null : String.join(" ", tokens);
    s.readCommand(tokens);
    return s;
  }

  private void readAssignments(String args, boolean isEnv) {
    List<String> toks = shellWords(args);
    if (toks.isEmpty()) return;
    if (!toks.get(0).contains("=")) {
      // ENV KEY value (legacy form); ARG NAME without default
      if (isEnv && toks.size() >= 2) env.put(toks.get(0), String.join(" ", toks.subList(1, toks.size())));
      return;
    }
    for (String t : toks) {
      int eq = t.indexOf('=');
      if (eq > 0) {
        String key = t.substring(0, eq);
        if (isEnv || !env.containsKey(key)) env.put(key, expand(t.substring(eq + 1)));
      }
    }
  }

  private void readCommand(List<String> tokens) {
    for (int i = 0; i < tokens.size(); i++) {
      String raw = tokens.get(i);
      String t = expand(raw);
      String flag = t;
      String value = null;
      int eq = t.indexOf('=');
      if (t.startsWith("-") && eq > 0) {
        flag = t.substring(0, eq);
        value = t.substring(eq + 1);
      } else if (i + 1 < tokens.size()) {
        value = expand(tokens.get(i + 1));
      }
      if (PORT_FLAGS.contains(flag) && value != null) {
        Integer p = parsePort(value);
        if (p != null) served(p, flag + " " + value);
      } else if (BIND_FLAGS.contains(flag) && value != null) {
        int colon = value.lastIndexOf(':');
        Integer p = colon >= 0 ? parsePort(value.substring(colon + 1)) : null;
        if (p != null) served(p, flag + " " + value);
        if (colon >= 0 && isLocalhost(value.substring(0, colon))) bindsLocalhost = true;
      } else if (HOST_FLAGS.contains(flag) && value != null) {
        if (isLocalhost(value)) bindsLocalhost = true;
      } else if ((t.equals("http.server") || t.endsWith("SimpleHTTPServer")) && i + 1 < tokens.size()) {
        Integer p = parsePort(expand(tokens.get(i + 1)));
        if (p != null) served(p, t + " " + p);
      }
    }
    for (String name : List.of("PORT", "GRADIO_SERVER_PORT", "STREAMLIT_SERVER_PORT")) {
      if (servedPorts.isEmpty() && env.containsKey(name)) {
        Integer p = parsePort(env.get(name));
        if (p != null) served(p, "ENV " + name + "=" + p);
      }
    }
    for (String name : List.of("GRADIO_SERVER_NAME", "STREAMLIT_SERVER_ADDRESS", "HOST")) {
      if (env.containsKey(name) && isLocalhost(env.get(name))) bindsLocalhost = true;
    }
  }

  private void served(int port, String source) {
    servedPorts.add(port);
    if (servedSource == null) servedSource = source;
  }

  private static boolean isLocalhost(String host) {
    String h = host.strip().toLowerCase(Locale.ROOT);
    return h.equals("127.0.0.1") || h.equals("localhost") || h.equals("::1") || h.equals("[::1]");
  }

  /** Replaces {@code $VAR}, {@code ${VAR}} and {@code ${VAR:-default}} with ENV/ARG values (unknown: kept). */
  String expand(String s) {
    Matcher m = VAR.matcher(s);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String v = env.get(m.group(1));
      if (v == null) v = m.group(2);
      m.appendReplacement(sb, Matcher.quoteReplacement(v != null ? v : m.group()));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  static @Nullable Integer parsePort(String s) {
    String t = s.strip();
    if (t.startsWith("\"") && t.endsWith("\"") && t.length() >= 2) t = t.substring(1, t.length() - 1);
    if (!t.matches("\\d{1,5}")) return null;
    int p = Integer.parseInt(t);
    return p >= 1 && p <= 65535 ? p : null;
  }

  /** The tokens of a CMD/ENTRYPOINT: a JSON array (exec form) or shell words (shell form, {@code sh -c} text split too). */
  static List<String> tokens(String args) {
    String a = args.strip();
    if (a.startsWith("[")) {
      try {
        Object parsed = Json.moshi().adapter(Object.class).fromJson(a);
        if (parsed instanceof List<?> list) {
          List<String> out = new ArrayList<>();
          for (Object o : list) {
            if (o != null) out.addAll(shellWords(String.valueOf(o)));
          }
          return out;
        }
      } catch (IOException | RuntimeException e) {
        // Not valid JSON: Docker then runs it in a shell, as we read it.
      }
    }
    return shellWords(a);
  }

  /** Splits on whitespace and shell separators, honouring single and double quotes. */
  static List<String> shellWords(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean any = false;
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == quote) quote = 0;
        else cur.append(c);
        continue;
      }
      if (c == '"' || c == '\'') {
        quote = c;
        any = true;
      } else if (Character.isWhitespace(c) || c == ';' || c == '&' || c == '|') {
        if (any || cur.length() > 0) out.add(cur.toString());
        cur.setLength(0);
        any = false;
      } else {
        cur.append(c);
      }
    }
    if (any || cur.length() > 0) out.add(cur.toString());
    return out;
  }

  /** Instructions with comments removed and {@code \} continuations joined. */
  static List<String> logicalLines(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String raw : text.replace("\r\n", "\n").split("\n", -1)) {
      String line = raw.strip();
      if (line.startsWith("#")) continue;
      if (line.endsWith("\\")) {
        cur.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      cur.append(line);
      String l = cur.toString().strip();
      if (!l.isEmpty()) out.add(l);
      cur.setLength(0);
    }
    if (cur.length() > 0 && !cur.toString().isBlank()) out.add(cur.toString().strip());
    return out;
  }

  private static int indexOfWhitespace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) return i;
    }
    return -1;
  }
}
