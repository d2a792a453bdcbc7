/**
 * Extension points of the Hub emulator, for the Jobs and Spaces emulations and for tests that need extra
 * routes: {@link io.hf4j.testkit.spi.EmulatorModule} (installed per emulator, found with
 * {@link java.util.ServiceLoader}), {@link io.hf4j.testkit.spi.Routes}, the commit/repo hooks, the
 * {@link io.hf4j.testkit.spi.SpaceApps} and {@link io.hf4j.testkit.spi.JobImages} registries. See
 * {@code testkit/EXTENDING.md}.
 *
 * <pre>{@code
 * HubEmulator hub = HubEmulator.builder().module(ctx ->
 *     ctx.routes().add("GET", "/api/hello/{name}", req -> Response.json(200, Map.of("hello", req.param("name")))))
 *     .build().start();
 * }</pre>
 */
@NullMarked
package io.hf4j.testkit.spi;

import org.jspecify.annotations.NullMarked;
