/**
 * The cold-drain benchmark: fresh JVMs draining a retained backlog, see {@link ColdDrainMain}.
 */
@NullMarked
package io.github.sfstreaming.benchmarks.cold;

import org.jspecify.annotations.NullMarked;
