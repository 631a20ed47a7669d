/**
 * Header names and channel rules shared by the listener infrastructure.
 */
@NullMarked
package io.github.sfstreaming.spring.support;

import org.jspecify.annotations.NullMarked;
