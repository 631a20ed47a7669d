/**
 * The client's public API: {@link io.github.sfstreaming.client.SalesforceStreamingClient}, its handlers,
 * listeners and errors.
 */
@NullMarked
package io.github.sfstreaming.client;

import org.jspecify.annotations.NullMarked;
