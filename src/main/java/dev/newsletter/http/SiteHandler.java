package dev.newsletter.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.DateGenerator;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.URIUtil;

/**
 * Serves the static site ({@code http.site: true}) in front of the endpoints: a {@code GET} or
 * {@code HEAD} whose path, under the {@code baseUrl} path, names a file in {@code site/} gets that
 * file (a folder: its {@code index.html}); anything else goes on to the endpoints, which answer
 * 404 for what they do not know.
 *
 * <p>Only files inside the folder: the decoded path is normalised and refused if it climbs out
 * ({@code ../}, {@code %2e%2e/}), names a hidden file or folder ({@code .git}), or resolves through
 * a symbolic link to a place outside the folder; the file is read from its real path. No directory
 * listings. Content types by extension, with {@code nosniff}; {@code ETag} and {@code Last-Modified}
 * with {@code 304} answers. Another method on a site file: 405.
 */
final class SiteHandler extends Handler.Wrapper {
    /** The endpoints' own paths: never shadowed by a file of the same name. */
    private static final Set<String> ENDPOINTS = Set.of("unsubscribe", "subscribe", "confirm");

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("htm", "text/html; charset=utf-8"),
            Map.entry("xml", "application/atom+xml; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("pdf", "application/pdf"));

    private final SiteFolder site;
    private final ClientConnections connections;

    SiteHandler(SiteFolder site, ClientConnections connections, Handler endpoints) {
        super(endpoints);
        this.site = site;
        this.connections = connections;
    }

    /** {@code endpoints} alone when there is no site to serve, else the site in front of them. */
    static Handler around(SiteFolder site, ClientConnections connections, Handler endpoints) {
        return site == null ? endpoints : new SiteHandler(site, connections, endpoints);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Path file = file(request.getHttpURI().getDecodedPath());
        if (file == null) {
            return super.handle(request, response, callback);
        }
        connections.headersArrived(request.getConnectionMetaData().getConnection());
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            new Reply(response, callback)
                    .header(HttpHeader.ALLOW, "GET, HEAD")
                    .send(HttpStatus.METHOD_NOT_ALLOWED_405, Pages.message("Method not allowed", "Use GET."));
            return true;
        }
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        long modified = attributes.lastModifiedTime().toMillis();
        String etag = "W/\"" + Long.toHexString(attributes.size()) + "-" + Long.toHexString(modified) + "\"";
        response.getHeaders().put(HttpHeader.ETAG, etag);
        response.getHeaders().put(HttpHeader.LAST_MODIFIED, DateGenerator.formatDate(modified));
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        if (notModified(request, etag, modified)) {
            response.setStatus(HttpStatus.NOT_MODIFIED_304);
            callback.succeeded();
            return true;
        }
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type(file));
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, attributes.size());
        if (method.equals("HEAD")) {
            callback.succeeded();
            return true;
        }
        Content.copy(Content.Source.from(file), response, callback);
        return true;
    }

    /**
     * The real path of the site file a request path names, or null when it names none: outside the
     * base path, climbing out, hidden, an endpoint, missing, not a regular file, or (through a link)
     * outside the folder.
     */
    Path file(String decodedPath) {
        if (decodedPath == null) {
            return null;
        }
        String path = URIUtil.normalizePath(decodedPath);
        if (path == null || path.indexOf('\0') >= 0 || path.indexOf('\\') >= 0) {
            return null;
        }
        String base = site.basePath();
        if (!base.isEmpty()) {
            if (path.equals(base)) {
                path = "/";
            } else if (path.startsWith(base + "/")) {
                path = path.substring(base.length());
            }
        }
        String[] segments = path.split("/");
        for (String segment : segments) {
            if (segment.startsWith(".")) {
                return null;
            }
        }
        if (segments.length > 0 && ENDPOINTS.contains(segments[segments.length - 1])) {
            return null;
        }
        try {
            Path root = site.root().toRealPath();
            Path target = root.resolve(path.substring(1)).normalize();
            if (!target.startsWith(root)) {
                return null;
            }
            if (Files.isDirectory(target)) {
                target = target.resolve("index.html");
            }
            if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.exists(target)) {
                return null;
            }
            Path real = target.toRealPath();
            return real.startsWith(root) && Files.isRegularFile(real) ? real : null;
        } catch (IOException | RuntimeException e) {
            return null; // missing, unreadable or not a path: not a site file
        }
    }

    private static boolean notModified(Request request, String etag, long modified) {
        String match = request.getHeaders().get(HttpHeader.IF_NONE_MATCH);
        if (match != null) {
            for (String candidate : match.split(",")) {
                String tag = candidate.strip();
                if (tag.equals("*") || tag.equals(etag) || ("W/" + tag).equals(etag)) {
                    return true;
                }
            }
            return false;
        }
        HttpField since = request.getHeaders().getField(HttpHeader.IF_MODIFIED_SINCE);
        if (since != null) {
            long time = request.getHeaders().getDateField(HttpHeader.IF_MODIFIED_SINCE.asString());
            return time >= 0 && modified / 1000 <= time / 1000;
        }
        return false;
    }

    private static String type(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(extension, "application/octet-stream");
    }
}
