/**
 * The HTTP/JSON API on Netty: routes that hand requests to the event loop and answer when its
 * futures complete. Depends on the loop and the configuration; the loop knows nothing of it.
 */
package io.kairos.server.http;
