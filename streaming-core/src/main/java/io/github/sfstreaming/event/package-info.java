/**
 * The event model: one type per Salesforce channel kind, each keeping the raw JSON at hand.
 */
@NullMarked
package io.github.sfstreaming.event;

import org.jspecify.annotations.NullMarked;
