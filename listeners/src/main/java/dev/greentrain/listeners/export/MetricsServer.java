package dev.greentrain.listeners.export;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server under the metrics endpoint (Jetty), with the limits that keep misbehaving clients
 * from blocking scrapes: requests are parsed without blocking (a half-sent request holds a socket,
 * not a thread), a request head must arrive within {@link #REQUEST_HEAD_TIMEOUT}, a connection idle
 * for {@link #IDLE_TIMEOUT} is closed, at most {@link #MAX_CONNECTIONS} are open at once, and a few
 * daemon threads render the pages.
 */
final class MetricsServer {

    private static final Logger logger = LoggerFactory.getLogger(MetricsServer.class);

    /** The longest a request line and its headers may take to arrive. */
    static final Duration REQUEST_HEAD_TIMEOUT = Duration.ofSeconds(10);

    /** How long a connection may stay without any traffic (keep-alive between scrapes included). */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

    /**
     * The most connections open at once; further clients wait in the accept queue, and while the
     * limit is reached a connection idle for a second is closed.
     */
    static final int MAX_CONNECTIONS = 256;

    /** The largest request head accepted (larger ones get HTTP 431). */
    static final int MAX_REQUEST_HEAD_BYTES = 8 * 1024;

    private MetricsServer() {}

    /**
     * Starts a server.
     *
     * @param address the address to bind
     * @param port the port, 0 for any free one
     * @param handler what answers the requests
     * @param requestHeadTimeout the longest a request head may take to arrive
     * @return the started server
     * @throws IOException if the address cannot be bound
     */
    static Server start(InetAddress address, int port, Handler handler, Duration requestHeadTimeout)
            throws IOException {
        // 1 acceptor + 1 selector + rendering threads; scrapes never wait on the network
        QueuedThreadPool threads = new QueuedThreadPool(6, 2);
        threads.setName("greentrain-metrics");
        threads.setDaemon(true);
        threads.setReservedThreads(0);
        ScheduledExecutorScheduler scheduler =
                new ScheduledExecutorScheduler("greentrain-metrics-timer", true);
        Server server = new Server(threads, scheduler, null);

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(MAX_REQUEST_HEAD_BYTES);
        ServerConnector connector =
                new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(address.getHostAddress());
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        connector.addEventListener(new RequestHeadDeadline(scheduler, requestHeadTimeout));
        server.addConnector(connector);
        NetworkConnectionLimit limit = new NetworkConnectionLimit(MAX_CONNECTIONS, connector);
        // at the limit, connections idle for a second are closed to make room
        limit.setEndPointIdleTimeout(Duration.ofSeconds(1).toMillis());
        server.addBean(limit);
        server.setHandler(handler);
        server.setStopTimeout(0);
        try {
            server.start();
        } catch (IOException e) {
            stopQuietly(server);
            throw e;
        } catch (Exception e) {
            stopQuietly(server);
            throw new IOException(e.getMessage(), e);
        }
        return server;
    }

    /**
     * Returns the port a started server listens on.
     *
     * @param server a server from {@link #start}
     * @return the bound port
     */
    static int port(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /**
     * Stops a server, closing its connections; never throws.
     *
     * @param server the server
     */
    static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            logger.debug("Stopping the metrics server failed.", e);
        }
    }
}
