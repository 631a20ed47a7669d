/**
 * Active/standby across application instances: one leader holds the Salesforce subscription.
 */
@NullMarked
package io.github.sfstreaming.spring.cluster;

import org.jspecify.annotations.NullMarked;
