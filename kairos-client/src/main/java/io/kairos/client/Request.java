package io.kairos.client;

import java.nio.charset.StandardCharsets;

/**
 * One API request as the client retries it: the same method, path, body and session on every
 * attempt, whichever master it goes to.
 *
 * @param method GET, PUT or POST
 * @param pathAndQuery the raw (percent-encoded) path and query, e.g. {@code /v1/kv/a%20b?stale=true}
 * @param body the body of a write, or null
 * @param clientId the write's session client id, or 0 for none
 * @param sequence the write's session sequence, or 0 for none
 * @param notFoundIsAnswer whether a 404 {@code not_found} is an answer (a missing key) rather than an error
 */
record Request(String method, String pathAndQuery, byte[] body, long clientId, long sequence,
        boolean notFoundIsAnswer) {

    static final String KV = "/v1/kv/";

    static Request read(String key, boolean stale) {
        return new Request("GET", KV + encode(key) + (stale ? "?stale=true" : ""), null, 0, 0, true);
    }

    static Request write(String method, String key, byte[] value, long clientId, long sequence) {
        return new Request(method, KV + encode(key), value, clientId, sequence, false);
    }

    static Request cluster() {
        return new Request("GET", "/v1/cluster", null, 0, 0, false);
    }

    /** Percent-encodes every byte of the UTF-8 key outside RFC 3986's unreserved set, '/' included. */
    static String encode(String key) {
        if (key == null) {
            throw new NullPointerException("key");
        }
        StringBuilder out = new StringBuilder(key.length() + 8);
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return method + " " + pathAndQuery + (clientId == 0 ? "" : " (client " + clientId + ", sequence " + sequence + ")");
    }
}
