/**
 * Subject (b) of the cold drain, in a package of its own so that its component scan finds only it.
 */
@NullMarked
package io.github.sfstreaming.benchmarks.cold.minimal;

import org.jspecify.annotations.NullMarked;
