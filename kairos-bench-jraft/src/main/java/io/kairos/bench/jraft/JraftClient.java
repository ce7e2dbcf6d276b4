package io.kairos.bench.jraft;

import com.alipay.sofa.jraft.RouteTable;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.error.RemotingException;
import com.alipay.sofa.jraft.option.CliOptions;
import com.alipay.sofa.jraft.rpc.impl.cli.CliClientServiceImpl;
import com.alipay.sofa.jraft.util.Endpoint;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A networked W1 client over bolt: asks the members who leads (jraft's CLI {@code RouteTable}),
 * sends each {@link PutRequest} there and, on "not the leader" or a transport error, asks again
 * and resends {@link #RETRY_DELAY_MILLIS} ms later, until {@link #RETRY_MILLIS} have passed since the first send.
 */
final class JraftClient implements AutoCloseable {

    static final long RETRY_MILLIS = 30_000;
    static final long RETRY_DELAY_MILLIS = 10;
    private static final Executor RETRY_DELAY = CompletableFuture.delayedExecutor(RETRY_DELAY_MILLIS, TimeUnit.MILLISECONDS);
    static final int REQUEST_TIMEOUT_MILLIS = 5_000;
    static final int LEADER_LOOKUP_TIMEOUT_MILLIS = 10_000;

    private final CliClientServiceImpl cli = new CliClientServiceImpl();
    private volatile Endpoint leader;
    private volatile Endpoint answeredBy;

    JraftClient(List<PeerId> peers) {
        cli.init(new CliOptions());
        RouteTable.getInstance().updateConfiguration(JraftMember.GROUP, JraftMember.configuration(peers));
    }

    CompletableFuture<PutResponse> put(byte[] command) {
        CompletableFuture<PutResponse> reply = new CompletableFuture<>();
        send(new PutRequest(command), System.nanoTime() + RETRY_MILLIS * 1_000_000, reply);
        return reply;
    }

    private void send(PutRequest request, long deadline, CompletableFuture<PutResponse> reply) {
        try {
            Endpoint to = leader != null ? leader : lookUpLeader();
            cli.getRpcClient().invokeAsync(to, request, (result, failure) -> {
                if (failure == null && result instanceof PutResponse response && response.committed) {
                    answeredBy = to;
                    reply.complete(response);
                } else if (failure == null && result instanceof PutResponse response && response.error != null) {
                    reply.completeExceptionally(new IllegalStateException(response.error));
                } else {
                    leader = null;
                    retry(request, deadline, reply, failure);
                }
            }, REQUEST_TIMEOUT_MILLIS);
        } catch (RemotingException | TimeoutException | RuntimeException e) {
            leader = null;
            retry(request, deadline, reply, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply.completeExceptionally(e);
        }
    }

    private void retry(PutRequest request, long deadline, CompletableFuture<PutResponse> reply, Throwable cause) {
        if (System.nanoTime() - deadline >= 0) {
            reply.completeExceptionally(new CompletionException("no leader took the write within "
                    + RETRY_MILLIS + " ms", cause));
            return;
        }
        CompletableFuture.runAsync(() -> send(request, deadline, reply), RETRY_DELAY);
    }

    private Endpoint lookUpLeader() throws InterruptedException, TimeoutException {
        if (!RouteTable.getInstance().refreshLeader(cli, JraftMember.GROUP, LEADER_LOOKUP_TIMEOUT_MILLIS).isOk()) {
            throw new TimeoutException("no leader of " + JraftMember.GROUP + " known");
        }
        Endpoint found = RouteTable.getInstance().selectLeader(JraftMember.GROUP).getEndpoint();
        leader = found;
        return found;
    }

    /** The member that acknowledged the latest write, or null before the first. */
    Endpoint answeredBy() {
        return answeredBy;
    }

    @Override
    public void close() {
        cli.shutdown();
    }
}
