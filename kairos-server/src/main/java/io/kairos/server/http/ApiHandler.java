package io.kairos.server.http;

import io.kairos.server.config.ApiToken;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands each complete request to the routes and writes the answer when it is ready. */
final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);

    private final ApiRoutes routes;

    private final ApiToken token;

    /** @param token the bearer token every request must carry, or null on a loopback-only API */
    ApiHandler(ApiRoutes routes, ApiToken token) {
        this.routes = routes;
        this.token = token;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!request.decoderResult().isSuccess()) {
            write(ctx, routes.error(ApiError.of(HttpResponseStatus.BAD_REQUEST, "malformed_request",
                    "the request is not valid HTTP: " + request.decoderResult().cause())), false);
            return;
        }
        if (token != null && !token.admits(request.headers().get(HttpHeaderNames.AUTHORIZATION))) {
            FullHttpResponse denied = routes.error(ApiError.of(HttpResponseStatus.UNAUTHORIZED, "unauthenticated",
                    request.headers().contains(HttpHeaderNames.AUTHORIZATION)
                            ? "the bearer token is not this cluster's"
                            : "this API needs 'Authorization: Bearer <token>' (the token in the masters' token file)"));
            denied.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"kairos\"");
            write(ctx, denied, keepAlive);
            return;
        }
        java.util.concurrent.CompletableFuture<FullHttpResponse> handled;
        try {
            handled = routes.handle(request);
        } catch (RuntimeException | LinkageError e) {
            // A bug, not the client's fault: answer it, keep the connection, and say so in the log.
            handled = java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        handled.whenComplete((response, error) -> {
            FullHttpResponse answer = response;
            if (error != null) {
                log.warn("{} {} failed", request.method(), request.uri(), error);
                answer = routes.error(ApiError.of(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal",
                        "the request failed: " + error));
            }
            write(ctx, answer, keepAlive);
        });
    }

    private static void write(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        HttpUtil.setKeepAlive(response, keepAlive);
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("API connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
