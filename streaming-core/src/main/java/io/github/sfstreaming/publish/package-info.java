/**
 * Publishing to Salesforce: {@link io.github.sfstreaming.publish.SalesforceStreamingTemplate} publishes platform
 * events and pushes to generic streaming channels over the REST API, with the client's token provider.
 */
@NullMarked
package io.github.sfstreaming.publish;

import org.jspecify.annotations.NullMarked;
