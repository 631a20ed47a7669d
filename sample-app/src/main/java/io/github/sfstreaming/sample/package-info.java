/**
 * The sample application: four listeners, demo mode on an in-process emulator, a replay-store override.
 */
@NullMarked
package io.github.sfstreaming.sample;

import org.jspecify.annotations.NullMarked;
