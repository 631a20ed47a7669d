/**
 * The cold drain's change-event subjects (f) and (g), in a package of their own so that their component scan finds
 * neither the minimal application of (b) nor the warm benchmark's.
 */
@NullMarked
package io.github.sfstreaming.batchapp;

import org.jspecify.annotations.NullMarked;
