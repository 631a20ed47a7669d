/**
 * OAuth 2.0 login to Salesforce: the {@link io.github.sfstreaming.auth.TokenProvider} SPI and one
 * implementation per grant.
 */
@NullMarked
package io.github.sfstreaming.auth;

import org.jspecify.annotations.NullMarked;
