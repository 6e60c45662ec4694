package dev.greentrain.listeners.export;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose request head (request line and headers) is still incomplete after the
 * limit, so a client that trickles a request byte by byte cannot keep a connection forever: every
 * half limit it checks whether bytes arrived without a request being completed, and closes the
 * connection at the second such check in a row. Heads that take less than half the limit are never
 * affected; none takes longer than the limit.
 */
final class RequestHeadDeadline implements Connection.Listener {

    private static final Logger logger = LoggerFactory.getLogger(RequestHeadDeadline.class);

    private final Scheduler scheduler;
    private final long periodMillis;

    /**
     * Creates the deadline.
     *
     * @param scheduler the scheduler that runs the checks
     * @param limit the longest a request head may take to arrive
     */
    RequestHeadDeadline(Scheduler scheduler, Duration limit) {
        this.scheduler = scheduler;
        this.periodMillis = Math.max(1, limit.toMillis() / 2);
    }

    @Override
    public void onOpened(Connection connection) {
        new Watch(connection).scheduleNext();
    }

    /** The checks of one connection; they end when it closes. */
    private final class Watch implements Runnable {

        private final Connection connection;
        private long requests;
        private long bytes;
        private boolean headPending;

        Watch(Connection connection) {
            this.connection = connection;
            this.requests = connection.getMessagesIn();
            this.bytes = connection.getBytesIn();
        }

        void scheduleNext() {
            scheduler.schedule(this, periodMillis, TimeUnit.MILLISECONDS);
        }

        @Override
        public void run() {
            if (!connection.getEndPoint().isOpen()) {
                return;
            }
            long nowRequests = connection.getMessagesIn();
            long nowBytes = connection.getBytesIn();
            if (nowRequests != requests) {
                headPending = false;
            } else if (headPending) {
                logger.debug(
                        "Closing {}: its request head took longer than {} ms.",
                        connection.getEndPoint().getRemoteSocketAddress(),
                        2 * periodMillis);
                connection.close();
                return;
            } else {
                headPending = nowBytes != bytes;
            }
            requests = nowRequests;
            bytes = nowBytes;
            scheduleNext();
        }
    }
}
