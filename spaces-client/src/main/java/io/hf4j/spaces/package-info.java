/**
 * The Spaces client: manage Spaces on the Hugging Face Hub, call their apps, and check a folder before deploying
 * it.
 *
 * <pre>{@code
 * SpacesClient spaces = SpacesClient.create(HfConfig.fromEnv());
 * RepoId id = RepoId.space("acme/classifier");
 *
 * PreflightReport report = SpacePreflight.builder(Path.of("classifier")).requiredSecrets("API_KEY").space(spaces, id).build().run();
 * if (report.hasErrors()) throw new IllegalStateException(report.toString());
 * // ... upload the folder with report.ignorePatterns() ...
 *
 * SpaceRuntime runtime = spaces.waitForSpace(id, Duration.ofMinutes(20));
 * SpaceHttpClient app = SpaceHttpClient.builder(spaces, id).sendToken(true).build();
 * String health = app.get("/health").bodyString();
 * }</pre>
 *
 * <p>Inside a Space, {@link io.hf4j.spaces.SpaceEnvironment#current()} describes the Space the program runs in (null
 * outside one).
 */
@NullMarked
package io.hf4j.spaces;

import org.jspecify.annotations.NullMarked;
