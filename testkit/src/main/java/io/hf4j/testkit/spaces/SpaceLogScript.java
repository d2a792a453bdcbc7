package io.hf4j.testkit.spaces;

import io.hf4j.core.RepoType;
import io.hf4j.testkit.StoredFile;
import io.hf4j.testkit.RepoView;
import io.hf4j.testkit.spi.EmulatorContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the emulated build and app print: Dockerfile steps as build lines, the startup banner, the app's start
 * line, and the port a Docker Space's app listens on (read from the Dockerfile's CMD/ENTRYPOINT, the Python file
 * it runs, or EXPOSE), so a Space whose app listens on another port than {@code app_port} fails as on the Hub.
 */
final class SpaceLogScript {
  private static final DateTimeFormatter BANNER = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final Pattern FLAG = Pattern.compile(
      "(?:--port|--server\\.port|--bind|-b|-p)[=\\s\"',]+(?:[\\w.]*:)?(\\d{2,5})\\b");
  private static final Pattern PY_FILE = Pattern.compile("([\\w./-]+\\.py)\\b");
  private static final Pattern PY_PORT = Pattern.compile("\\bport\\s*[=:]\\s*(\\d{2,5})\\b");
  private static final Pattern EXPOSE = Pattern.compile("(?im)^\\s*EXPOSE\\s+(\\d{2,5})");

  /** What a build needs from the repo, read outside the emulation's lock. */
  record Plan(List<String> instructions, Integer listenPort) {
    List<String> buildSteps(boolean docker, List<String> files) {
      List<String> out = new ArrayList<>();
      if (docker) {
        for (String i : instructions) out.add("--> " + i);
      } else {
        out.add("--> FROM docker.io/library/python:3.10");
        out.add("--> RUN pip install --no-cache-dir pip -U");
        if (files.contains("requirements.txt")) out.add("--> RUN pip install --no-cache-dir -r requirements.txt");
        out.add("--> COPY --link --chown=1000 ./ /home/user/app");
      }
      return out;
    }
  }

  private SpaceLogScript() {}

  static Plan plan(EmulatorContext context, String spaceId, List<String> files) {
    Optional<RepoView> repo = Optional.ofNullable(context.repos().find(RepoType.SPACE, spaceId));
    if (repo.isEmpty() || !files.contains("Dockerfile")) return new Plan(List.of(), null);
    String dockerfile = read(repo.get(), "Dockerfile");
    if (dockerfile == null) return new Plan(List.of(), null);
    List<String> instructions = instructions(dockerfile);
    return new Plan(instructions, listenPort(repo.get(), instructions, dockerfile));
  }

  private static String read(RepoView repo, String path) {
    try {
      return Optional.ofNullable(repo.file("main", path)).map(StoredFile::bytes).map(b -> new String(b, StandardCharsets.UTF_8)).orElse(null);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The Dockerfile's instructions, continuation lines joined, comments and blank lines left out. */
  static List<String> instructions(String dockerfile) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String raw : dockerfile.replace("\r\n", "\n").split("\n")) {
      String line = raw.strip();
      if (current.length() == 0 && (line.isEmpty() || line.startsWith("#"))) continue;
      if (line.endsWith("\\")) {
        current.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      current.append(line);
      out.add(current.toString().strip().replaceAll("\\s+", " "));
      current.setLength(0);
    }
    if (current.length() > 0) out.add(current.toString().strip());
    return out;
  }

  private static Integer listenPort(RepoView repo, List<String> instructions, String dockerfile) {
    String command = null;
    for (String i : instructions) {
      String upper = i.toUpperCase(java.util.Locale.ROOT);
      if (upper.startsWith("CMD ") || upper.startsWith("ENTRYPOINT ")) command = i;
    }
    if (command != null) {
      Matcher m = FLAG.matcher(command);
      if (m.find()) return Integer.parseInt(m.group(1));
      Matcher py = PY_FILE.matcher(command);
      if (py.find()) {
        String file = py.group(1);
        String source = read(repo, file.startsWith("/") ? file.substring(file.lastIndexOf('/') + 1) : file);
        if (source != null) {
          Matcher p = PY_PORT.matcher(source);
          if (p.find()) return Integer.parseInt(p.group(1));
        }
      }
    }
    Matcher e = EXPOSE.matcher(dockerfile);
    Integer exposed = null;
    while (e.find()) exposed = Integer.parseInt(e.group(1));
    return exposed;
  }

  static int appPort(Map<String, String> front) {
    try {
      return Integer.parseInt(front.getOrDefault("app_port", "7860").strip());
    } catch (NumberFormatException e) {
      return 7860;
    }
  }

  static String banner(Instant at) {
    return "===== Application Startup at " + BANNER.format(at) + " =====";
  }

  /** The line an app prints once it listens: uvicorn's for Docker Spaces, Gradio's otherwise. */
  static String startLine(boolean docker, int port) {
    return docker ? "INFO:     Uvicorn running on http://0.0.0.0:" + port + " (Press CTRL+C to quit)"
        : "* Running on local URL:  http://0.0.0.0:" + port;
  }
}
