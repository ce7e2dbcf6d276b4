/** A master's configuration and its YAML file, checked on load. Depends on no other package of the server. */
package io.kairos.server.config;
