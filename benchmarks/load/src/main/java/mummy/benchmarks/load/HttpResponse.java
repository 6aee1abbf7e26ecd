package mummy.benchmarks.load;

import java.util.Map;

/**
 * One HTTP/1.1 response as read off the wire.
 *
 * <p>The record keeps array identity in {@code equals}: responses are checked field by field,
 * never compared or hashed as values.
 *
 * @param status the status code
 * @param headers the header fields, names in lower case (the last of repeated fields wins)
 * @param body the body, empty when there is none
 */
record HttpResponse(int status, Map<String, String> headers, byte[] body) {

    String header(String name) {
        return headers.get(name);
    }
}
