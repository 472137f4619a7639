package dev.weatheragent.fakes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small HTTP/1.1 server on 127.0.0.1 for the fake remote services. Written on plain sockets rather than with a
 * server library because the tests need faults no library offers: a dropped connection, a body that trickles in
 * forever, garbage instead of HTTP. Every response closes its connection.
 */
public final class FakeHttpServer implements AutoCloseable {

    /**
     * A parsed request. {@code clientGone} completes, with the time, when the client closes the connection (or
     * when the server closes it after answering): a handler that waits can tell that its caller hung up.
     */
    public record Request(String method, String path, Map<String, String> query, Map<String, String> headers,
                          byte[] body, CompletableFuture<Instant> clientGone) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** What to do with a request: normally write a response, sometimes misbehave. */
    @FunctionalInterface
    public interface Action {
        void perform(Socket socket, OutputStream out) throws IOException, InterruptedException;
    }

    /** Produces the action for a request; runs on the connection's own virtual thread and may block. */
    @FunctionalInterface
    public interface Handler {
        Action handle(Request request) throws InterruptedException;
    }

    private final ServerSocket socket;
    private final Handler handler;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    public FakeHttpServer(Handler handler) throws IOException {
        this.handler = handler;
        this.socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofVirtual().name("fake-http-accept").start(this::accept);
    }

    public int port() {
        return socket.getLocalPort();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    // ---- actions ------------------------------------------------------------------------------------------------

    /** A complete response with a body. */
    public static Action respond(int status, String contentType, byte[] body) {
        return (socket, out) -> {
            String head = "HTTP/1.1 " + status + " " + reason(status) + "\r\n"
                    + "Content-Type: " + contentType + "\r\n"
                    + "Content-Length: " + body.length + "\r\n"
                    + "Connection: close\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        };
    }

    public static Action json(int status, String body) {
        return respond(status, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    /** Waits, then performs the action: a slow upstream. */
    public static Action delayed(java.time.Duration delay, Action action) {
        return (socket, out) -> {
            Thread.sleep(delay);
            action.perform(socket, out);
        };
    }

    /** Closes the connection without a byte of response, like a proxy that died. */
    public static Action drop() {
        return (socket, out) -> socket.setSoLinger(true, 0);
    }

    /** Sends the head and then one byte a second, never finishing: no read timeout fires, the caller hangs. */
    public static Action trickle(int seconds) {
        return (socket, out) -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int i = 0; i < seconds; i++) {
                out.write(' ');
                out.flush();
                Thread.sleep(1000);
            }
        };
    }

    // ---- multipart/form-data ------------------------------------------------------------------------------------

    /** One part of a multipart/form-data body: a form field, or a file when {@code filename} is set. */
    public record Part(String name, String filename, String contentType, byte[] content) {
        public String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    /** Whether the request carries a multipart/form-data body. */
    public static boolean isMultipart(Request request) {
        return request.headers().getOrDefault("content-type", "").toLowerCase(Locale.ROOT)
                .startsWith("multipart/form-data");
    }

    /**
     * The parts of a multipart/form-data body (RFC 7578), strictly: a missing boundary, a part without a
     * {@code Content-Disposition: form-data; name=...} or a body without its closing delimiter is an
     * {@link IllegalArgumentException}.
     */
    public static java.util.List<Part> parts(Request request) {
        String type = request.headers().getOrDefault("content-type", "");
        java.util.regex.Matcher b = java.util.regex.Pattern.compile("boundary=(\"?)([^\";]+)\\1").matcher(type);
        if (!b.find()) {
            throw new IllegalArgumentException("multipart without a boundary: " + type);
        }
        byte[] body = request.body();
        byte[] delimiter = ("--" + b.group(2)).getBytes(StandardCharsets.US_ASCII);
        java.util.List<Part> parts = new java.util.ArrayList<>();
        int at = indexOf(body, delimiter, 0);
        if (at != 0) {
            throw new IllegalArgumentException("multipart body does not start with its boundary");
        }
        while (true) {
            int after = at + delimiter.length;
            if (after + 1 < body.length && body[after] == '-' && body[after + 1] == '-') {
                return parts;
            }
            if (after + 1 >= body.length || body[after] != '\r' || body[after + 1] != '\n') {
                throw new IllegalArgumentException("malformed multipart delimiter line");
            }
            int start = after + 2;
            int next = indexOf(body, ("\r\n--" + b.group(2)).getBytes(StandardCharsets.US_ASCII), start);
            if (next < 0) {
                throw new IllegalArgumentException("multipart body without its closing delimiter");
            }
            parts.add(part(java.util.Arrays.copyOfRange(body, start, next)));
            at = next + 2;
        }
    }

    private static Part part(byte[] raw) {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        if (end < 0) {
            throw new IllegalArgumentException("multipart part without a header end");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : new String(raw, 0, end, StandardCharsets.UTF_8).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        String disposition = headers.getOrDefault("content-disposition", "");
        java.util.regex.Matcher name = java.util.regex.Pattern.compile("(?:^|;)\\s*name=\"([^\"]*)\"")
                .matcher(disposition);
        if (!disposition.startsWith("form-data") || !name.find()) {
            throw new IllegalArgumentException("multipart part without form-data name: " + disposition);
        }
        java.util.regex.Matcher file = java.util.regex.Pattern.compile(";\\s*filename=\"([^\"]*)\"")
                .matcher(disposition);
        return new Part(name.group(1), file.find() ? file.group(1) : null, headers.get("content-type"),
                java.util.Arrays.copyOfRange(raw, end + 4, raw.length));
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    // ---- plumbing -----------------------------------------------------------------------------------------------

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                open.add(connection);
                Thread.ofVirtual().name("fake-http-conn").start(() -> serve(connection));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            Request request = read(connection.getInputStream());
            if (request == null) {
                return;
            }
            watchForClose(connection, request.clientGone());
            Action action = handler.handle(request);
            action.perform(connection, connection.getOutputStream());
        } catch (IOException | InterruptedException e) {
            // the client went away or the server is closing: nothing to answer
        } finally {
            open.remove(connection);
        }
    }

    /** The client sends nothing after its request, so end of stream means it hung up (every response closes). */
    private static void watchForClose(Socket connection, CompletableFuture<Instant> gone) {
        Thread.ofVirtual().name("fake-http-watch").start(() -> {
            try {
                if (connection.getInputStream().read() < 0) {
                    gone.complete(Instant.now());
                }
            } catch (IOException e) {
                gone.complete(Instant.now());
            }
        });
    }

    private static Request read(InputStream in) throws IOException {
        String requestLine = line(in);
        if (requestLine == null || requestLine.isEmpty()) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
                buffer.write(in.readNBytes(size));
                line(in);
            }
            line(in);
            body = buffer.toByteArray();
        } else {
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            body = in.readNBytes(length);
        }
        URI target = URI.create(parts[1]);
        return new Request(parts[0], target.getRawPath(), query(target.getRawQuery()), headers, body,
                new CompletableFuture<>());
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                break;
            }
            if (b != '\r') {
                buffer.write(b);
            }
        }
        if (b == -1 && buffer.size() == 0) {
            return null;
        }
        return buffer.toString(StandardCharsets.ISO_8859_1);
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    @Override
    public void close() throws IOException {
        socket.close();
        acceptor.interrupt();
        for (Socket s : open) {
            s.close();
        }
    }
}
