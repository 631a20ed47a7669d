/**
 * The Bayeux (CometD) wire protocol over HTTP long polling, as Salesforce speaks it: messages, advice, errors
 * and their classification, and the WebClient transport with its per-session cookie jar. Internal to the
 * client; not a stable API.
 */
@NullMarked
package io.github.sfstreaming.bayeux;

import org.jspecify.annotations.NullMarked;
