package io.kairos.transport;

import io.kairos.raft.NodeId;
import io.kairos.raft.message.Message;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** A hand-driven TCP client that writes whatever bytes a test wants, good or bad. */
final class RawPeer implements AutoCloseable {

    private final Socket socket;

    RawPeer(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(5_000);
    }

    RawPeer hello(String clusterId, int sender) throws IOException {
        return write(FrameCodec.encode(new Frame.Hello(clusterId, NodeId.of(sender), WireTypes.VERSION)));
    }

    RawPeer send(Message m) throws IOException {
        return write(FrameCodec.encode(new Frame.Raft(m)));
    }

    RawPeer write(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return this;
    }

    /** Ends our half of the stream, as a peer that died mid-frame would. */
    RawPeer shutdownOutput() throws IOException {
        socket.shutdownOutput();
        return this;
    }

    /** Whether the other side closed the connection (blocks up to the socket timeout). */
    boolean closedByServer() throws IOException {
        InputStream in = socket.getInputStream();
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
