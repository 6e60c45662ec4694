package dev.greentrain.listeners.export;

import io.prometheus.metrics.exporter.common.PrometheusScrapeHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers {@code GET} and {@code HEAD} on {@code /metrics} with the registry's meters, after
 * checking the basic-auth credentials when there are any; everything else gets a short error.
 */
final class ScrapeHandler extends Handler.Abstract {

    /** The path the metrics are served on. */
    static final String PATH = "/metrics";

    private final PrometheusScrapeHandler scrapes;
    private final BasicCredentials credentials;

    /**
     * Creates the handler.
     *
     * @param registry the registry to serve
     * @param credentials the accepted credentials, {@code null} to serve without authentication
     */
    ScrapeHandler(PrometheusRegistry registry, BasicCredentials credentials) {
        this.scrapes = new PrometheusScrapeHandler(registry);
        this.credentials = credentials;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (credentials != null
                && !credentials.accept(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, BasicCredentials.CHALLENGE);
            return answer(response, callback, HttpStatus.UNAUTHORIZED_401, "Unauthorized");
        }
        if (!PATH.equals(Request.getPathInContext(request))) {
            return answer(response, callback, HttpStatus.NOT_FOUND_404, "Not found: see " + PATH);
        }
        String method = request.getMethod();
        if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            return answer(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "Use GET or HEAD");
        }
        if (!decodable(request.getHttpURI().getQuery())) {
            return answer(response, callback, HttpStatus.BAD_REQUEST_400, "Malformed query string");
        }
        scrapes.handleRequest(new ScrapeExchange(request, response, callback));
        return true;
    }

    /** A malformed query is the client's fault: answered with 400, not logged as a failure. */
    private static boolean decodable(String query) {
        if (query == null) {
            return true;
        }
        try {
            URLDecoder.decode(query, StandardCharsets.UTF_8);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean answer(Response response, Callback callback, int status, String text) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.write(
                true, ByteBuffer.wrap((text + "\n").getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}
