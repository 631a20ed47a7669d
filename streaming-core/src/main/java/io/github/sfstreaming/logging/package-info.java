/**
 * Making what a server sent safe to log: escaped text and JSON with credential-like fields masked.
 */
@NullMarked
package io.github.sfstreaming.logging;

import org.jspecify.annotations.NullMarked;
