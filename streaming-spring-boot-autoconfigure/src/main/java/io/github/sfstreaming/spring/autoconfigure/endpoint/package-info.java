/**
 * Auto-configuration for Actuator's endpoints: masking the Salesforce credentials.
 */
@NullMarked
package io.github.sfstreaming.spring.autoconfigure.endpoint;

import org.jspecify.annotations.NullMarked;
