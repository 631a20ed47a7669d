/**
 * Subject (b) of the cold drain, outside the benchmarks package so that its component scan finds only it, and the
 * warm benchmark's application (which scans io.github.sfstreaming.benchmarks) does not find it.
 */
@NullMarked
package io.github.sfstreaming.minimalapp;

import org.jspecify.annotations.NullMarked;
