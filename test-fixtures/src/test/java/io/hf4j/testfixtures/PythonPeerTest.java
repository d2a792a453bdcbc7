package io.hf4j.testfixtures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonPeerTest {

    @Test
    void pinnedClientAndXetAreInstalledAndHubSettingsAreNotInherited(@TempDir Path dir) {
        PythonPeer.Result r = PythonPeer.run(dir, Duration.ofMinutes(2), Map.of("HF_ENDPOINT", "http://127.0.0.1:9"),
                """
                import os, sys, huggingface_hub, hf_xet
                print(huggingface_hub.__version__)
                print(os.environ.get("HF_ENDPOINT"))
                print(os.environ.get("HF_TOKEN", "<none>"))
                print(sys.argv[1])
                """, "arg-1").assertSuccess();
        String[] lines = r.stdout().strip().split("\n");
        assertEquals("2.0.0", lines[0]);
        assertEquals("http://127.0.0.1:9", lines[1]);
        assertEquals("<none>", lines[2]);
        assertEquals("arg-1", lines[3]);
    }

    @Test
    void failingScriptReportsItsExitCode(@TempDir Path dir) {
        PythonPeer.Result r = PythonPeer.run(dir, Duration.ofMinutes(1), Map.of(), "import sys; sys.exit(3)");
        assertEquals(3, r.exitCode());
        assertTrue(r.stdout().isEmpty());
    }
}
