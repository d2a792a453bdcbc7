package io.hf4j.testfixtures;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The official Python client ({@code huggingface_hub} 2.0.0 with {@code hf_xet} 1.6.0, pinned in
 * {@code test-fixtures/src/main/python/requirements.txt}) as a test peer. This module's build installs it
 * into {@code test-fixtures/.python-peer}; tests run scripts with it against the emulator.
 *
 * <p>The peer never inherits the developer's Hub settings: every {@code HF_*} variable of the calling
 * environment is removed, telemetry is off, and {@code HF_HOME} points into the given working folder
 * unless the caller sets it.
 */
public final class PythonPeer {

    private PythonPeer() {}

    /** What a peer run printed and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) {
        /** Returns this result, or throws with both outputs when the script failed. */
        public Result assertSuccess() {
            if (exitCode != 0) {
                throw new AssertionError("Python peer exited with " + exitCode + "\n--- stdout\n" + stdout
                        + "\n--- stderr\n" + stderr);
            }
            return this;
        }
    }

    /** The virtualenv's interpreter; fails with how to install it when it is missing. */
    public static Path python() {
        String prop = System.getProperty("hf4j.pythonPeer");
        if (prop != null && !prop.isBlank() && Files.isExecutable(Path.of(prop))) {
            return Path.of(prop);
        }
        // Walk up from the module folder to the reactor root (folders that hold a pom.xml: inside the clone).
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && Files.isRegularFile(dir.resolve("pom.xml"))) {
            Path candidate = dir.resolve("test-fixtures/.python-peer/bin/python");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("The Python peer is not installed: the test-fixtures build installs it "
                + "(bash test-fixtures/src/main/python/install-peer.sh; needs python3 with venv)");
    }

    /**
     * Runs a Python script (its source text) with the given arguments in {@code workDir}.
     *
     * @param timeout the script is killed and an {@link AssertionError} thrown past this
     * @param env     extra environment (e.g. {@code HF_ENDPOINT}, {@code HF_TOKEN}); overrides the defaults
     */
    public static Result run(Path workDir, Duration timeout, Map<String, String> env, String script, String... args) {
        try {
            Files.createDirectories(workDir);
            Path file = Files.createTempFile(workDir, "peer-", ".py");
            Files.writeString(file, script, StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>();
            command.add(python().toString());
            command.add(file.toString());
            command.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
            Map<String, String> e = pb.environment();
            e.keySet().removeIf(k -> k.startsWith("HF_") || k.startsWith("HUGGING") || k.endsWith("_PROXY")
                    || k.endsWith("_proxy"));
            e.put("HF_HOME", workDir.resolve(".hf-home").toString());
            e.put("HF_HUB_DISABLE_TELEMETRY", "1");
            e.put("HF_HUB_DISABLE_PROGRESS_BARS", "1");
            e.put("PYTHONUNBUFFERED", "1");
            e.put("NO_PROXY", "*");
            e.putAll(env);
            Process p = pb.start();
            CompletableFuture<String> out = drain(p.getInputStream());
            CompletableFuture<String> err = drain(p.getErrorStream());
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("Python peer did not finish within " + timeout + "\n--- stdout\n"
                        + out.join() + "\n--- stderr\n" + err.join());
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while the Python peer ran", e);
        }
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "<unreadable: " + e + ">";
            }
        });
    }
}
