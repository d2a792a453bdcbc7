/**
 * The emulated Spaces API of the testkit: runtime stages after commits, secrets, variables, hardware, sleep time,
 * pause, restart, duplication, and in-process Space apps. See {@link io.hf4j.testkit.spaces.SpacesEmulation}.
 */
@NullMarked
package io.hf4j.testkit.spaces;

import org.jspecify.annotations.NullMarked;
