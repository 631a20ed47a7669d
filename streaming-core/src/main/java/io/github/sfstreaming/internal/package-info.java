/**
 * The core's internals, shared by its packages: not part of the public API and may change without notice. No
 * code outside the core may use them (an ArchUnit test checks it); what other modules need is public API.
 */
@NullMarked
package io.github.sfstreaming.internal;

import org.jspecify.annotations.NullMarked;
