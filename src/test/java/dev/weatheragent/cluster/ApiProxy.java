package dev.weatheragent.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback in front of the mock API server, one per app instance, so that a test can cut a single
 * instance off the API server: {@link #cut()} drops the open connections and leaves new ones hanging without an
 * answer, as a network partition does; {@link #restore()} heals it.
 */
final class ApiProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private final AtomicInteger forwarded = new AtomicInteger();

    ApiProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("api-proxy-accept").start(this::accept);
    }

    String url() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    /** Connections passed through to the API server so far. */
    int forwarded() {
        return forwarded.get();
    }

    void cut() {
        cut = true;
        closeAll();
    }

    void restore() {
        cut = false;
        closeAll();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                if (cut) {
                    continue; // held open, never answered
                }
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(upstream);
                forwarded.incrementAndGet();
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                // the listener closed, or the API server is gone: the client sees a closed connection
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread.ofVirtual().name("api-proxy-pump").start(() -> {
            try {
                from.getInputStream().transferTo(to.getOutputStream());
            } catch (IOException e) {
                // closed
            } finally {
                close(from);
                close(to);
            }
        });
    }

    private void closeAll() {
        for (Socket socket : sockets) {
            close(socket);
        }
    }

    private void close(Socket socket) {
        sockets.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        closeAll();
    }
}
