package dev.greentrain.listeners.export;

import io.prometheus.metrics.exporter.common.PrometheusHttpExchange;
import io.prometheus.metrics.exporter.common.PrometheusHttpRequest;
import io.prometheus.metrics.exporter.common.PrometheusHttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.Enumeration;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scrape, as the Prometheus client's scrape handler sees it, on a Jetty request. The page is
 * rendered into memory and then written without blocking, so a client that reads slowly (or never)
 * holds no thread, and one that goes away early fails only its own write.
 */
final class ScrapeExchange implements PrometheusHttpExchange {

    private static final Logger logger = LoggerFactory.getLogger(ScrapeExchange.class);

    private final Request request;
    private final Response response;
    private final Callback callback;
    private final Page page = new Page();
    private RuntimeException failure;

    ScrapeExchange(Request request, Response response, Callback callback) {
        this.request = request;
        this.response = response;
        this.callback = callback;
    }

    @Override
    public PrometheusHttpRequest getRequest() {
        return new PrometheusHttpRequest() {
            @Override
            public String getQueryString() {
                return request.getHttpURI().getQuery();
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                return Collections.enumeration(request.getHeaders().getValuesList(name));
            }

            @Override
            public String getMethod() {
                return request.getMethod();
            }

            @Override
            public String getRequestPath() {
                return Request.getPathInContext(request);
            }
        };
    }

    @Override
    public PrometheusHttpResponse getResponse() {
        return new PrometheusHttpResponse() {
            @Override
            public void setHeader(String name, String value) {
                response.getHeaders().put(name, value);
            }

            @Override
            public OutputStream sendHeadersAndGetBody(int statusCode, int contentLength) {
                response.setStatus(statusCode);
                return page;
            }
        };
    }

    /** Never called for network errors: the page is written after the handler returns. */
    @Override
    public void handleException(IOException e) {
        failure = new IllegalStateException("Rendering the metrics page failed", e);
    }

    @Override
    public void handleException(RuntimeException e) {
        failure = e;
    }

    /** Sends the rendered page, or a 500 if rendering failed (a broken meter or collector). */
    @Override
    public void close() {
        if (failure != null) {
            logger.warn("Cannot render the metrics page; the scrape gets HTTP 500.", failure);
            Response.writeError(request, response, callback, 500, "Cannot render the metrics");
            return;
        }
        if (!response.getHeaders().contains(HttpHeader.CONTENT_LENGTH)) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, page.size());
        }
        response.write(
                true,
                page.asBuffer(),
                Callback.from(callback.getInvocationType(), callback::succeeded, this::clientLeft));
    }

    /** A client that goes away before reading the whole page costs one debug line. */
    private void clientLeft(Throwable cause) {
        logger.debug(
                "Scrape client {} left before the metrics page was sent: {}",
                request.getConnectionMetaData().getRemoteSocketAddress(),
                cause.toString());
        callback.failed(cause);
    }

    /** The rendered page, kept in memory until it is written. */
    private static final class Page extends ByteArrayOutputStream {

        Page() {
            super(64 * 1024);
        }

        ByteBuffer asBuffer() {
            return ByteBuffer.wrap(buf, 0, count);
        }
    }
}
