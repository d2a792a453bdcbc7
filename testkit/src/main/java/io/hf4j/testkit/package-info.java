/**
 * An offline Hugging Face Hub for tests and local development: {@link io.hf4j.testkit.HubEmulator}.
 *
 * <pre>{@code
 * class MyUploadTest {
 *   @RegisterExtension
 *   static final HubEmulatorExtension HUB = HubEmulatorExtension.configure(b -> b.lfsThreshold(1024));
 *
 *   @Test
 *   void survivesAFlakyCommit(HubEmulator hub, HfConfig config) {
 *     hub.faults().inject(FaultRule.on("POST", "/api/models/**").nth(1).dropResponseAfterApply());
 *     // ... run the code under test with config ...
 *     assertArrayEquals(expected, hub.repo("testuser/demo").fileBytes("main", "model.bin"));
 *     assertTrue(hub.tokenLeaks().isEmpty());
 *   }
 * }
 * }</pre>
 *
 * <p>The emulator serves the Hub API (users and tokens, repos, preupload, LFS batch with basic and multipart
 * transfers, NDJSON commits, downloads, refs, commits, tree, paths-info), presigned storage on a second host
 * name, Hub-like rate limits, and fault injection ({@link io.hf4j.testkit.FaultRule}). It is inspectable
 * ({@link io.hf4j.testkit.RepoView}, {@link io.hf4j.testkit.HubEmulator#requests()}) and can run standalone
 * ({@link io.hf4j.testkit.EmulatorMain}). Jobs and Spaces are added by modules (see
 * {@link io.hf4j.testkit.spi.EmulatorModule}).
 */
@NullMarked
package io.hf4j.testkit;

import org.jspecify.annotations.NullMarked;
