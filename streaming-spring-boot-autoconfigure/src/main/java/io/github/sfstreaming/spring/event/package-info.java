/**
 * Spring application events about the Salesforce Streaming API client's session and channels.
 */
@NullMarked
package io.github.sfstreaming.spring.event;

import org.jspecify.annotations.NullMarked;
