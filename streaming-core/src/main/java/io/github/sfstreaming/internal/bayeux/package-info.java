/**
 * The Bayeux (CometD) wire protocol over HTTP long polling, as Salesforce speaks it: messages, advice, errors
 * and their classification, and the WebClient transport with its per-session cookie jar. Internal to the core
 * (see {@link io.github.sfstreaming.internal}): the client package exposes what applications need of it, such
 * as {@link io.github.sfstreaming.client.ReconnectCause}.
 */
@NullMarked
package io.github.sfstreaming.internal.bayeux;

import org.jspecify.annotations.NullMarked;
