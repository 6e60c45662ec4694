package dev.greentrain.listeners.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Scrapes of a metrics endpoint, with or without basic-auth credentials, for tests. */
public final class Scrapes {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Scrapes() {}

    /**
     * Scrapes a URL.
     *
     * @param url the metrics URL
     * @param accept the Accept header, {@code null} for none
     * @param credentials {@code user:password} for basic auth, {@code null} for none
     * @return the response
     * @throws IOException if the request fails (e.g. a dropped connection)
     * @throws InterruptedException if interrupted
     */
    public static HttpResponse<String> get(String url, String accept, String credentials)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (credentials != null) {
            request.header("Authorization", "Basic " + base64(credentials));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Returns a text in base64, as basic auth sends {@code user:password}.
     *
     * @param text the text
     * @return its UTF-8 bytes in base64
     */
    public static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Asserts that a scrape without credentials, or with a wrong password, gets HTTP 401, and one
     * with the right credentials HTTP 200.
     *
     * @param url the metrics URL
     * @param user the right user
     * @param password the right password
     * @throws IOException if a request fails
     * @throws InterruptedException if interrupted
     */
    public static void assertOnlyTheRightCredentialsGetIn(String url, String user, String password)
            throws IOException, InterruptedException {
        assertEquals(401, get(url, null, null).statusCode(), "no credentials");
        assertEquals(401, get(url, null, user + ":wrong").statusCode(), "a wrong password");
        assertEquals(401, get(url, null, "someone:" + password).statusCode(), "a wrong user");
        assertEquals(200, get(url, null, user + ":" + password).statusCode(), "the right ones");
    }
}
