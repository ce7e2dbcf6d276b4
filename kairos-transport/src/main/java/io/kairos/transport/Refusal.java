package io.kairos.transport;

import io.netty.channel.Channel;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection that broke the protocol with one WARN line saying why. Callers call it once
 * per connection and ignore whatever the connection sends afterwards.
 */
final class Refusal {

    private static final Logger log = LoggerFactory.getLogger(Refusal.class);

    private Refusal() {}

    static void close(Channel channel, String who, String reason) {
        log.warn("closing connection {} ({}): {}", channel.remoteAddress(), who, reason);
        channel.close();
    }

    /**
     * Handles an exception from a connection's pipeline: bad input is refused with a WARN; a lost
     * connection (reset, or a write to a channel already closed) is routine and only closed.
     */
    static void onException(Channel channel, String who, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("connection {} ({}) lost: {}", channel.remoteAddress(), who, cause.toString());
            channel.close();
        } else {
            close(channel, who, reasonOf(cause));
        }
    }

    /** The reason behind an exception from the pipeline, unwrapped from Netty's decoder wrapper. */
    static String reasonOf(Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        String message = root.getMessage();
        return root instanceof MalformedFrameException ? message : root.getClass().getSimpleName() + ": " + message;
    }
}
