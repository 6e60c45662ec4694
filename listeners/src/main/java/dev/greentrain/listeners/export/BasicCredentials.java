package dev.greentrain.listeners.export;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/**
 * The one user and password an endpoint accepts through HTTP basic authentication (RFC 7617),
 * checked in constant time; any malformed {@code Authorization} header is simply not accepted.
 */
final class BasicCredentials {

    /** The challenge sent with a 401, telling clients to send UTF-8 basic credentials. */
    static final String CHALLENGE = "Basic realm=\"greentrain\", charset=\"UTF-8\"";

    private final byte[] user;
    private final byte[] password;

    BasicCredentials(String user, String password) {
        this.user = user.getBytes(StandardCharsets.UTF_8);
        this.password = password.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Tells whether an {@code Authorization} header carries these credentials.
     *
     * @param authorization the header's value, {@code null} when absent
     * @return true only for the scheme {@code Basic} (any case) with this user and password
     */
    boolean accept(String authorization) {
        if (authorization == null) {
            return false;
        }
        String header = authorization.strip();
        int space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).toLowerCase(Locale.ROOT).equals("basic")) {
            return false;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(header.substring(space + 1).strip());
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        int colon = indexOfColon(decoded);
        if (colon < 0) {
            return false;
        }
        byte[] givenUser = Arrays.copyOfRange(decoded, 0, colon);
        byte[] givenPassword = Arrays.copyOfRange(decoded, colon + 1, decoded.length);
        // both comparisons always run, so the time taken does not tell which part was wrong
        boolean userMatches = MessageDigest.isEqual(user, givenUser);
        boolean passwordMatches = MessageDigest.isEqual(password, givenPassword);
        return userMatches & passwordMatches;
    }

    private static int indexOfColon(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == ':') {
                return i;
            }
        }
        return -1;
    }
}
