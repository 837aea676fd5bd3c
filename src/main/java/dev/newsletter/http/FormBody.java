package dev.newsletter.http;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartCompliance;
import org.eclipse.jetty.http.MultiPartConfig;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.FormFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.Promise;

/**
 * The fields of a POST body, read without holding a thread while the bytes arrive. RFC 8058 §3.1:
 * the one-click POST SHOULD be {@code multipart/form-data} (RFC 7578) and MAY be {@code
 * application/x-www-form-urlencoded}; both are read (a body without a content type as the latter).
 * Multipart: any boundary, CRLF or bare LF line ends, parts with a file name or beyond the first
 * {@value #MAX_FIELDS} ignored or refused. The size cap is {@link HttpLimits#maxBodyBytes()} (a
 * larger body fails with 413, announced or chunked); another content type fails with 415.
 */
final class FormBody {
    static final int MAX_FIELDS = 16;
    static final int DRAIN_LIMIT = 1024 * 1024;
    private static final String TOO_LARGE = "The request is too large.";

    private final int maxBytes;
    private final MultiPartConfig multipart;

    FormBody(int maxBytes) {
        this.maxBytes = maxBytes;
        this.multipart = new MultiPartConfig.Builder()
                .maxParts(MAX_FIELDS)
                .maxSize(maxBytes)
                .maxPartSize(maxBytes)
                .maxMemoryPartSize(maxBytes)
                .maxHeadersSize(2048)
                .useFilesForPartsWithoutFileName(false)
                .complianceMode(MultiPartCompliance.RFC7578)
                .build();
    }

    /** The body's fields; fails with an {@link HttpFailure} for a body that is refused as such. */
    CompletableFuture<Fields> read(Request request) {
        CompletableFuture<Fields> result = new CompletableFuture<>();
        if (request.getLength() > DRAIN_LIMIT) {
            result.completeExceptionally(new HttpFailure(HttpStatus.PAYLOAD_TOO_LARGE_413, TOO_LARGE));
        } else if (request.getLength() > maxBytes) {
            refuseAfterReading(request, result);
        } else {
            parse(request).whenComplete((fields, failure) -> {
                if (failure == null) {
                    result.complete(fields);
                } else if (Request.getContentBytesRead(request) > maxBytes) { // chunked, over the cap
                    refuseAfterReading(request, result);
                } else {
                    result.completeExceptionally(failure);
                }
            });
        }
        return result;
    }

    /**
     * 413, once the rest of the body is read and dropped: a client still sending when the connection
     * closes gets a reset instead of the answer (curl then says "connection reset", not "413"). The
     * body timeout bounds how long this may take, and at most {@value #DRAIN_LIMIT} bytes are read
     * in all: an announced length over it is refused without reading, and a chunked body that goes
     * on past it is answered there (else it could be streamed at full speed until the timeout).
     */
    private static void refuseAfterReading(Request request, CompletableFuture<Fields> result) {
        HttpFailure tooLarge = new HttpFailure(HttpStatus.PAYLOAD_TOO_LARGE_413, TOO_LARGE);
        drain(request, () -> result.completeExceptionally(tooLarge));
    }

    private static void drain(Request request, Runnable done) {
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(() -> drain(request, done));
                return;
            }
            chunk.release();
            if (chunk.isLast()
                    || Content.Chunk.isFailure(chunk)
                    || Request.getContentBytesRead(request) > DRAIN_LIMIT) {
                done.run();
                return;
            }
        }
    }

    private CompletableFuture<Fields> parse(Request request) {
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        String mediaType = contentType == null
                ? "application/x-www-form-urlencoded"
                : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        switch (mediaType) {
            case "application/x-www-form-urlencoded":
                CompletableFuture<Fields> form = new CompletableFuture<>();
                FormFields.onFields(
                        request, StandardCharsets.UTF_8, MAX_FIELDS, maxBytes, Promise.Invocable.toPromise(form));
                return form;
            case "multipart/form-data":
                String boundary = boundary(contentType);
                if (boundary == null) {
                    return CompletableFuture.failedFuture(new HttpFailure(
                            HttpStatus.BAD_REQUEST_400, "The multipart/form-data request names no boundary."));
                }
                // Jetty finds only a parameter spelled "boundary": hand it the one found in any case
                String canonical = "multipart/form-data; boundary=\"" + boundary + "\"";
                CompletableFuture<MultiPartFormData.Parts> parts = new CompletableFuture<>();
                MultiPartFormData.onParts(request, request, canonical, multipart, Promise.Invocable.toPromise(parts));
                return parts.thenApply(FormBody::fields);
            default:
                return CompletableFuture.failedFuture(new HttpFailure(
                        HttpStatus.UNSUPPORTED_MEDIA_TYPE_415,
                        "Send the form as multipart/form-data or application/x-www-form-urlencoded."));
        }
    }

    /**
     * The {@code boundary} parameter of a multipart content type, its name in any case (RFC 2045
     * §5.1), quoted or not; null when there is none or it is empty. A boundary never holds {@code ;}
     * or {@code "} (RFC 2046 §5.1.1).
     */
    static String boundary(String contentType) {
        String[] parameters = contentType.split(";");
        for (int i = 1; i < parameters.length; i++) {
            int equals = parameters[i].indexOf('=');
            if (equals > 0 && parameters[i].substring(0, equals).strip().equalsIgnoreCase("boundary")) {
                String value = parameters[i].substring(equals + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value.isEmpty() || value.indexOf('"') >= 0 ? null : value;
            }
        }
        return null;
    }

    private static Fields fields(MultiPartFormData.Parts parts) {
        try (parts) {
            Fields fields = new Fields();
            for (MultiPart.Part part : parts) {
                if (part.getName() != null && part.getFileName() == null) {
                    fields.add(part.getName(), part.getContentAsString(StandardCharsets.UTF_8));
                }
            }
            return fields;
        }
    }
}
