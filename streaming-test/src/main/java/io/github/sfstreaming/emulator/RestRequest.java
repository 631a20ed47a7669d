package io.github.sfstreaming.emulator;

/**
 * One request the emulator's REST API answered, as {@link RestApiControls#requests()} lists them.
 *
 * @param method the HTTP method
 * @param path the path, for example {@code /services/data/v64.0/composite/sobjects}
 * @param status the HTTP status answered
 * @param records the records (events) the request carried: 1 for a single create, the size of a collection, the
 * number of push events; 0 otherwise
 */
public record RestRequest(String method, String path, int status, int records) {
}
