package io.kairos.bench.jraft;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.entity.Task;
import com.alipay.sofa.jraft.rpc.RpcContext;
import com.alipay.sofa.jraft.rpc.RpcProcessor;
import java.nio.ByteBuffer;
import java.util.function.Supplier;

/**
 * A member's handler of {@link PutRequest}: a leader proposes the command and answers once it is
 * committed and applied here; any other member answers "not the leader" with the leader it knows.
 */
final class PutRequestProcessor implements RpcProcessor<PutRequest> {

    /** The node is created only when the group service starts, after this processor is registered. */
    private final Supplier<Node> node;

    PutRequestProcessor(Supplier<Node> node) {
        this.node = node;
    }

    @Override
    public void handleRequest(RpcContext context, PutRequest request) {
        Node current = node.get();
        if (current == null || !current.isLeader()) {
            PeerId leader = current == null ? null : current.getLeaderId();
            context.sendResponse(PutResponse.ofNotLeader(leader == null || leader.isEmpty() ? null : leader.toString()));
            return;
        }
        Task task = new Task();
        task.setData(ByteBuffer.wrap(request.command));
        task.setDone(status -> context.sendResponse(
                status.isOk() ? PutResponse.ofCommitted() : PutResponse.ofError(status.toString())));
        current.apply(task);
    }

    @Override
    public String interest() {
        return PutRequest.class.getName();
    }
}
