package io.tsconnect.github;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads RFC 8288 {@code Link} headers as GitHub writes them: {@code <url>; rel="next", <url>; rel="last"}. */
final class LinkHeader {
    private static final Pattern LINK = Pattern.compile("<([^>]*)>((?:\\s*;\\s*[^;,]+)*)");
    private static final Pattern REL = Pattern.compile("rel\\s*=\\s*\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);

    private LinkHeader() {
    }

    /** The URI of the link whose {@code rel} includes {@code rel}, if the header has one. */
    static Optional<URI> find(String header, String rel) {
        Matcher link = LINK.matcher(header);
        while (link.find()) {
            Matcher relation = REL.matcher(link.group(2));
            while (relation.find()) {
                for (String name : relation.group(1).trim().split("\\s+")) {
                    if (name.equalsIgnoreCase(rel)) {
                        try {
                            return Optional.of(URI.create(link.group(1).trim()));
                        } catch (IllegalArgumentException e) {
                            return Optional.empty();
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }
}
