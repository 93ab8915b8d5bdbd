import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Load harness for the agent UI's two busiest pages: the inbox's first page and a ticket page.
 *
 * <pre>
 * java -cp postgresql.jar bench/PageLoad.java --url http://127.0.0.1:8080 --user admin@rapport.local \
 *     --password PASSWORD --jdbc jdbc:postgresql://127.0.0.1:54329/postgres [--jdbc-user postgres] \
 *     [--concurrency 1,4,8] [--seconds 20] [--warmup 5] [--out results.json]
 * java bench/PageLoad.java --url ... --user ... --password ... --ticket-ids ids.txt ...
 * </pre>
 *
 * Signs in once through the form login and shares that session among all workers. Each concurrency level
 * runs N virtual threads in a closed loop for warmup + measured seconds; every worker alternates between
 * GET /inbox and GET /tickets/{id} for a random id from the sample, so both pages get the same number of
 * requests. Only requests started inside the measured window count. Besides the client-side latency it
 * records the server's own figure from the Server-Timing header (metric "app" by default), when present.
 */
public class PageLoad {

    private static final int MAX_ERROR_SAMPLES = 3;
    private static final Instant STARTED_AT = Instant.now();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern CSRF_INPUT = Pattern.compile("<input\\b[^>]*\\bname=\"_csrf\"[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern CSRF_META = Pattern.compile("<meta\\b[^>]*\\bname=\"_csrf\"[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern VALUE = Pattern.compile("\\b(?:value|content)=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    record Options(URI url, String user, String password, List<Integer> levels, int seconds, int warmup, Path out,
                   boolean allowRemote, String jdbc, String jdbcUser, String jdbcPassword, Path ticketIds, int idCount,
                   String inboxPath, String ticketPath, String timingMetric) {}

    enum Page { INBOX, TICKET }

    /** What one page did at one concurrency level. */
    record PageResult(Page page, int concurrency, long requests, long errors, int seconds, long[] sortedNanos,
                      long[] sortedServerNanos, long bytes) {
        double throughput() {
            return (double) (requests - errors) / seconds;
        }

        double percentileMs(double percentile) {
            return percentile(sortedNanos, percentile);
        }

        double serverPercentileMs(double percentile) {
            return percentile(sortedServerNanos, percentile);
        }

        double maxMs() {
            return sortedNanos.length == 0 ? Double.NaN : sortedNanos[sortedNanos.length - 1] / 1e6;
        }

        double averageKb() {
            long ok = requests - errors;
            return ok == 0 ? Double.NaN : bytes / 1024.0 / ok;
        }

        private static double percentile(long[] sorted, double percentile) {
            if (sorted.length == 0) return Double.NaN;
            // Nearest-rank percentile: the smallest sample with at least p% of samples at or below it.
            int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
            return sorted[Math.max(0, rank - 1)] / 1e6;
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = parse(args);
        requireLoopback(options);
        long[] ids = ticketIds(options);
        if (ids.length == 0) {
            System.err.println("no ticket ids to open: fill the database first (bench/FillTickets.java)");
            System.exit(1);
        }

        String base = options.url().toString().replaceAll("/+$", "");
        String cookies = signIn(options, base);

        int maxConcurrency = options.levels().stream().mapToInt(Integer::intValue).max().orElse(1);
        System.setProperty("jdk.httpclient.connectionPoolSize", Integer.toString(maxConcurrency));
        // No cookie store and no redirects: every request carries the signed-in session, and a lost session
        // shows up as an error (302 to /login) instead of the login page being timed.
        HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
        Target target = new Target(client, base, cookies, options.inboxPath(), options.ticketPath(), ids,
            options.timingMetric());

        System.out.printf("PageLoad target=%s inbox=%s ticket=%s tickets=%d warmup=%ds measured=%ds levels=%s cpus=%d java=%s%n",
            base, options.inboxPath(), options.ticketPath(), ids.length, options.warmup(), options.seconds(),
            options.levels(), Runtime.getRuntime().availableProcessors(), Runtime.version());

        preflight(target, ids[0]);

        List<PageResult> results = new ArrayList<>();
        ErrorSamples errorSamples = new ErrorSamples();
        for (int concurrency : options.levels()) {
            for (PageResult result : runLevel(target, options, concurrency, errorSamples)) {
                results.add(result);
                System.out.println(summaryLine(result));
            }
        }

        System.out.println();
        System.out.println(markdownTable(results, options.timingMetric()));
        if (results.stream().allMatch(r -> r.sortedServerNanos().length == 0)) {
            System.out.println("(no Server-Timing header with a '" + options.timingMetric()
                + "' duration in the responses: only client-side latency was measured)");
        }
        if (options.out() != null) {
            Files.writeString(options.out(), json(options, ids.length, results));
            System.out.println("wrote " + options.out());
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Ticket ids

    private static long[] ticketIds(Options options) throws IOException, SQLException {
        if (options.ticketIds() != null) {
            // Ids separated by white space or commas; '#' starts a comment to the end of the line.
            return Files.readAllLines(options.ticketIds()).stream()
                .map(line -> line.replaceAll("#.*", ""))
                .flatMap(line -> Arrays.stream(line.split("[\\s,]+")))
                .filter(s -> !s.isEmpty())
                .mapToLong(Long::parseLong)
                .toArray();
        }
        Properties props = new Properties();
        props.setProperty("user", options.jdbcUser());
        if (options.jdbcPassword() != null) props.setProperty("password", options.jdbcPassword());
        props.setProperty("ApplicationName", "PageLoad");
        try (Connection db = DriverManager.getConnection(options.jdbc(), props); Statement s = db.createStatement()) {
            // A page sample about twenty times the wanted count, then a random pick from it: cheap on a big table,
            // and spread over many pages rather than a few runs of neighbouring ids.
            double rows;
            try (ResultSet rs = s.executeQuery("SELECT reltuples FROM pg_class WHERE oid = 'ticket'::regclass")) {
                rs.next();
                rows = rs.getDouble(1);
            }
            double percent = rows <= 0 ? 100 : Math.min(100, 100.0 * 20 * options.idCount() / rows);
            long[] ids = select(s, String.format(Locale.ROOT,
                "SELECT id FROM ticket TABLESAMPLE SYSTEM (%.4f) WHERE merged_into_id IS NULL ORDER BY random() LIMIT %d",
                percent, options.idCount()));
            if (ids.length < options.idCount()) {
                // Small or freshly loaded table (no statistics yet): the whole table is cheap enough.
                ids = select(s, "SELECT id FROM ticket WHERE merged_into_id IS NULL ORDER BY random() LIMIT " + options.idCount());
            }
            return ids;
        }
    }

    private static long[] select(Statement s, String sql) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) ids.add(rs.getLong(1));
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Sign-in

    /** Form login as a browser does it; returns the Cookie header that carries the signed-in session. */
    private static String signIn(Options options, String base) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
        // Cookies by hand: the JDK's CookieManager does not match a host without a dot, such as "localhost".
        Map<String, String> cookies = new LinkedHashMap<>();
        URI login = URI.create(base + "/login");
        HttpResponse<String> form;
        try {
            form = client.send(HttpRequest.newBuilder(login).timeout(REQUEST_TIMEOUT).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            fail("cannot load " + login + ": " + describe(e));
            return null;
        }
        keepCookies(form, cookies);
        if (form.statusCode() != 200) fail("GET /login answered " + form.statusCode() + ", expected the sign-in form (200)");
        String csrf = csrf(form.body());
        if (csrf == null) fail("the sign-in form at " + login + " has no hidden _csrf input");

        String body = "username=" + encode(options.user()) + "&password=" + encode(options.password()) + "&_csrf=" + encode(csrf);
        HttpRequest.Builder post = HttpRequest.newBuilder(login)
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "text/html")
            .POST(HttpRequest.BodyPublishers.ofString(body));
        if (!cookies.isEmpty()) post.header("Cookie", cookieHeader(cookies));
        HttpResponse<String> answer = client.send(post.build(), HttpResponse.BodyHandlers.ofString());
        keepCookies(answer, cookies);
        String location = answer.headers().firstValue("Location").orElse("");
        if (answer.statusCode() != 302 && answer.statusCode() != 303) {
            fail("POST /login answered " + answer.statusCode() + " (expected a redirect): " + abbreviate(answer.body()));
        }
        if (location.contains("/login")) {
            fail(location.contains("locked")
                ? "sign-in is throttled for this account or address (" + location + "); wait and try again"
                : "sign-in failed (" + location + "): wrong --user or --password?");
        }
        if (location.contains("/account/password")) {
            fail("the account must change its one-time password first: sign in once in a browser and set one");
        }
        if (!cookies.containsKey("JSESSIONID")) fail("signed in, but the server set no JSESSIONID cookie");
        System.out.println("signed in as " + options.user() + " (redirected to " + location + ")");
        return cookieHeader(cookies);
    }

    /** Name and value of each Set-Cookie; an expired or emptied cookie is dropped, as a browser would. */
    private static void keepCookies(HttpResponse<?> response, Map<String, String> cookies) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq <= 0) continue;
            String name = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            String lower = header.toLowerCase(Locale.ROOT);
            if (value.isEmpty() || lower.contains("max-age=0") || lower.contains("expires=thu, 01 jan 1970")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
    }

    private static String cookieHeader(Map<String, String> cookies) {
        return cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
    }

    private static String csrf(String html) {
        for (Pattern tag : List.of(CSRF_INPUT, CSRF_META)) {
            Matcher m = tag.matcher(html);
            if (m.find()) {
                Matcher value = VALUE.matcher(m.group());
                if (value.find()) return value.group(1).replace("&#45;", "-").replace("&amp;", "&");
            }
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Load

    /** Everything a worker needs to ask for a page. */
    record Target(HttpClient client, String base, String cookies, String inboxPath, String ticketPath, long[] ids,
                  String timingMetric) {

        URI uri(Page page, long id) {
            return URI.create(base + (page == Page.INBOX ? inboxPath : ticketPath.replace("{id}", Long.toString(id))));
        }
    }

    /** One answer: null failure means HTTP 200; serverNanos is -1 without a Server-Timing figure. */
    record Outcome(String failure, long serverNanos, long bytes) {}

    private static Outcome fetch(Target target, Page page, long id) {
        URI uri = target.uri(page, id);
        HttpRequest request = HttpRequest.newBuilder(uri)
            .timeout(REQUEST_TIMEOUT)
            .header("Cookie", target.cookies())
            .header("Accept", "text/html")
            .GET()
            .build();
        try {
            HttpResponse<byte[]> response = target.client().send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                String where = response.headers().firstValue("Location").map(l -> " -> " + l).orElse("");
                return new Outcome("GET " + uri.getPath() + ": HTTP " + response.statusCode() + where + " "
                    + abbreviate(new String(response.body(), StandardCharsets.UTF_8)), -1, 0);
            }
            return new Outcome(null, serverTiming(response, target.timingMetric()), response.body().length);
        } catch (IOException e) {
            return new Outcome("GET " + uri.getPath() + ": " + describe(e), -1, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome("interrupted", -1, 0);
        }
    }

    /** The named metric's dur from Server-Timing ("app;dur=12.3, db;dur=4"), or the first dur; -1 if none. */
    static long serverTiming(HttpResponse<?> response, String metric) {
        double first = -1;
        for (String header : response.headers().allValues("Server-Timing")) {
            for (String entry : header.split(",")) {
                String[] parts = entry.trim().split(";");
                double dur = -1;
                for (int i = 1; i < parts.length; i++) {
                    String param = parts[i].trim();
                    if (param.regionMatches(true, 0, "dur=", 0, 4)) {
                        try {
                            dur = Double.parseDouble(param.substring(4).replace("\"", ""));
                        } catch (NumberFormatException e) {
                            dur = -1;
                        }
                    }
                }
                if (dur < 0) continue;
                if (parts[0].trim().equalsIgnoreCase(metric)) return Math.round(dur * 1e6);
                if (first < 0) first = dur;
            }
        }
        return first < 0 ? -1 : Math.round(first * 1e6);
    }

    /** Both pages once before any timing: a wrong path, scope or session fails in a second with its reason. */
    private static void preflight(Target target, long id) {
        for (Page page : Page.values()) {
            Outcome outcome = fetch(target, page, id);
            if (outcome.failure() != null) {
                System.err.println("preflight failed, not starting the benchmark: " + outcome.failure());
                System.exit(1);
            }
            System.out.printf(Locale.ROOT, "preflight %s: 200, %.1f KB%s%n", target.uri(page, id).getPath(),
                outcome.bytes() / 1024.0,
                outcome.serverNanos() < 0 ? ", no Server-Timing" : String.format(Locale.ROOT, ", Server-Timing %.2f ms",
                    outcome.serverNanos() / 1e6));
        }
    }

    private static List<PageResult> runLevel(Target target, Options options, int concurrency, ErrorSamples errorSamples) {
        long start = System.nanoTime();
        long measureFrom = start + Duration.ofSeconds(options.warmup()).toNanos();
        long stopAt = measureFrom + Duration.ofSeconds(options.seconds()).toNanos();

        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            workers.add(new Worker(target, concurrency, i, measureFrom, stopAt, errorSamples));
        }
        // Closing the executor waits for every worker; each stops by itself once stopAt has passed.
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            workers.forEach(executor::submit);
        }

        List<PageResult> results = new ArrayList<>();
        for (Page page : Page.values()) {
            int p = page.ordinal();
            long requests = 0;
            long errors = 0;
            long bytes = 0;
            Samples latency = new Samples();
            Samples server = new Samples();
            for (Worker w : workers) {
                requests += w.requests[p];
                errors += w.errors[p];
                bytes += w.bytes[p];
                latency.addAll(w.latency[p]);
                server.addAll(w.server[p]);
            }
            results.add(new PageResult(page, concurrency, requests, errors, options.seconds(), latency.sorted(),
                server.sorted(), bytes));
        }
        return results;
    }

    /** One closed-loop client: asks for a page, waits for all of it, asks for the next. */
    static final class Worker implements Runnable {
        private final Target target;
        private final int index;
        private final long measureFrom;
        private final long stopAt;
        private final ErrorSamples errorSamples;
        private final SplittableRandom random;

        final long[] requests = new long[Page.values().length];
        final long[] errors = new long[Page.values().length];
        final long[] bytes = new long[Page.values().length];
        final Samples[] latency = {new Samples(), new Samples()};
        final Samples[] server = {new Samples(), new Samples()};

        Worker(Target target, int concurrency, int index, long measureFrom, long stopAt, ErrorSamples errorSamples) {
            this.target = target;
            this.index = index;
            this.measureFrom = measureFrom;
            this.stopAt = stopAt;
            this.errorSamples = errorSamples;
            this.random = new SplittableRandom(STARTED_AT.toEpochMilli() * 31 + concurrency * 1_000L + index);
        }

        @Override
        public void run() {
            for (long i = 0; ; i++) {
                // Alternate, half the workers starting with each page, so both see the same load.
                Page page = Page.values()[(int) ((i + index) % 2)];
                long id = target.ids()[random.nextInt(target.ids().length)];
                long begin = System.nanoTime();
                if (begin - stopAt >= 0) return;
                boolean measured = begin - measureFrom >= 0;
                Outcome outcome = fetch(target, page, id);
                long elapsed = System.nanoTime() - begin;
                if (outcome.failure() != null) errorSamples.offer(outcome.failure());
                if (!measured) continue;
                int p = page.ordinal();
                requests[p]++;
                if (outcome.failure() != null) {
                    errors[p]++;
                    continue;
                }
                latency[p].add(elapsed);
                bytes[p] += outcome.bytes();
                if (outcome.serverNanos() >= 0) server[p].add(outcome.serverNanos());
            }
        }
    }

    /** A growable array of nanosecond samples. */
    static final class Samples {
        private long[] values = new long[1024];
        private int size;

        void add(long value) {
            if (size == values.length) values = Arrays.copyOf(values, size * 2);
            values[size++] = value;
        }

        void addAll(Samples other) {
            for (int i = 0; i < other.size; i++) add(other.values[i]);
        }

        long[] sorted() {
            long[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }
    }

    /** The JDK client often wraps the real reason, and a refused connection comes without any message. */
    private static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) return t.getClass().getName() + ": " + t.getMessage();
        }
        return e instanceof ConnectException
            ? e.getClass().getName() + ": could not connect (is the server running?)"
            : e.getClass().getName();
    }

    /** Keeps the first few distinct failures so a broken run explains itself without flooding the console. */
    static final class ErrorSamples {
        private final LinkedHashSet<String> seen = new LinkedHashSet<>();

        synchronized void offer(String error) {
            if (seen.size() >= MAX_ERROR_SAMPLES) return;
            String trimmed = error.length() > 500 ? error.substring(0, 500) + "..." : error;
            if (seen.add(trimmed)) {
                System.out.printf("error sample %d/%d: %s%n", seen.size(), MAX_ERROR_SAMPLES, trimmed);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Output

    private static String summaryLine(PageResult r) {
        return String.format(Locale.ROOT,
            "%-6s concurrency=%d requests=%d throughput=%.1f req/s p50=%.2f ms p90=%.2f ms p99=%.2f ms max=%.2f ms "
                + "server p50=%s ms p99=%s ms (%d timed) avg=%.1f KB errors=%d",
            r.page().name().toLowerCase(Locale.ROOT), r.concurrency(), r.requests(), r.throughput(), r.percentileMs(50),
            r.percentileMs(90), r.percentileMs(99), r.maxMs(), fixed(r.serverPercentileMs(50)),
            fixed(r.serverPercentileMs(99)), r.sortedServerNanos().length, r.averageKb(), r.errors());
    }

    private static String markdownTable(List<PageResult> results, String metric) {
        StringBuilder table = new StringBuilder()
            .append("| page | concurrency | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | ")
            .append(metric).append(" p50 ms | ").append(metric).append(" p99 ms | KB | errors |\n")
            .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (PageResult r : results) {
            table.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %.2f | %.2f | %.2f | %.2f | %s | %s | %.1f | %d |%n",
                r.page().name().toLowerCase(Locale.ROOT), r.concurrency(), r.requests(), r.throughput(),
                r.percentileMs(50), r.percentileMs(90), r.percentileMs(99), r.maxMs(),
                fixed(r.serverPercentileMs(50)), fixed(r.serverPercentileMs(99)), r.averageKb(), r.errors()));
        }
        return table.toString().stripTrailing();
    }

    private static String json(Options options, int ids, List<PageResult> results) {
        StringBuilder out = new StringBuilder()
            .append("{\n")
            .append("  \"benchmark\": \"PageLoad\",\n")
            .append("  \"target\": ").append(jsonString(options.url().toString())).append(",\n")
            .append("  \"inboxPath\": ").append(jsonString(options.inboxPath())).append(",\n")
            .append("  \"ticketPath\": ").append(jsonString(options.ticketPath())).append(",\n")
            .append("  \"ticketIds\": ").append(ids).append(",\n")
            .append("  \"serverTimingMetric\": ").append(jsonString(options.timingMetric())).append(",\n")
            .append("  \"startedAt\": ").append(jsonString(STARTED_AT.toString())).append(",\n")
            .append("  \"cpus\": ").append(Runtime.getRuntime().availableProcessors()).append(",\n")
            .append("  \"java\": ").append(jsonString(Runtime.version().toString())).append(",\n")
            .append("  \"warmupSeconds\": ").append(options.warmup()).append(",\n")
            .append("  \"seconds\": ").append(options.seconds()).append(",\n")
            .append("  \"results\": [\n");
        for (int i = 0; i < results.size(); i++) {
            PageResult r = results.get(i);
            out.append(String.format(Locale.ROOT,
                "    {\"page\": \"%s\", \"concurrency\": %d, \"requests\": %d, \"throughput\": %.1f, \"p50Ms\": %s, "
                    + "\"p90Ms\": %s, \"p99Ms\": %s, \"maxMs\": %s, \"serverTimed\": %d, \"serverP50Ms\": %s, "
                    + "\"serverP99Ms\": %s, \"averageKb\": %s, \"errors\": %d}%s%n",
                r.page().name().toLowerCase(Locale.ROOT), r.concurrency(), r.requests(), r.throughput(),
                jsonNumber(r.percentileMs(50)), jsonNumber(r.percentileMs(90)), jsonNumber(r.percentileMs(99)),
                jsonNumber(r.maxMs()), r.sortedServerNanos().length, jsonNumber(r.serverPercentileMs(50)),
                jsonNumber(r.serverPercentileMs(99)), jsonNumber(r.averageKb()), r.errors(),
                i + 1 < results.size() ? "," : ""));
        }
        return out.append("  ]\n}\n").toString();
    }

    private static String fixed(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String jsonNumber(double value) {
        return Double.isNaN(value) ? "null" : String.format(Locale.ROOT, "%.3f", value);
    }

    static String jsonString(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.append('"').toString();
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void fail(String problem) {
        System.err.println(problem);
        System.exit(1);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Options

    /** A load generator aimed at someone else's server is a denial of service; insist on loopback by default. */
    private static void requireLoopback(Options options) {
        String host = options.url().getHost();
        if (host == null) throw new IllegalArgumentException("--url has no host: " + options.url());
        boolean loopback;
        try {
            loopback = Arrays.stream(InetAddress.getAllByName(host)).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            System.err.println("cannot resolve " + host);
            System.exit(2);
            return;
        }
        if (!loopback && !options.allowRemote()) {
            System.err.println(host + " is not a loopback address; pass --allow-remote if you own that server.");
            System.exit(2);
        }
    }

    private static Options parse(String[] args) {
        String url = "http://127.0.0.1:8080";
        String user = null;
        String password = null;
        String levels = "1,4,8";
        int seconds = 20;
        int warmup = 5;
        String out = null;
        boolean allowRemote = false;
        String jdbc = null;
        String jdbcUser = "postgres";
        String jdbcPassword = System.getenv("PGPASSWORD");
        String ticketIds = null;
        int idCount = 1000;
        String inboxPath = "/inbox";
        String ticketPath = "/tickets/{id}";
        String timingMetric = "app";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = value(args, ++i);
                case "--user" -> user = value(args, ++i);
                case "--password" -> password = value(args, ++i);
                case "--concurrency" -> levels = value(args, ++i);
                case "--seconds" -> seconds = Integer.parseInt(value(args, ++i));
                case "--warmup" -> warmup = Integer.parseInt(value(args, ++i));
                case "--out" -> out = value(args, ++i);
                case "--allow-remote" -> allowRemote = true;
                case "--jdbc" -> jdbc = value(args, ++i);
                case "--jdbc-user" -> jdbcUser = value(args, ++i);
                case "--jdbc-password" -> jdbcPassword = value(args, ++i);
                case "--ticket-ids" -> ticketIds = value(args, ++i);
                case "--ids" -> idCount = Integer.parseInt(value(args, ++i));
                case "--inbox-path" -> inboxPath = value(args, ++i);
                case "--ticket-path" -> ticketPath = value(args, ++i);
                case "--timing-metric" -> timingMetric = value(args, ++i);
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (user == null || password == null) usage("--user and --password (an agent's sign-in) are required");
        if ((jdbc == null) == (ticketIds == null)) usage("give either --jdbc (to sample ticket ids) or --ticket-ids FILE");
        if (seconds <= 0 || warmup < 0) usage("--seconds must be positive and --warmup not negative");
        if (idCount <= 0) usage("--ids must be positive");
        if (!inboxPath.startsWith("/") || !ticketPath.startsWith("/") || !ticketPath.contains("{id}")) {
            usage("--inbox-path and --ticket-path start with '/', and --ticket-path contains {id}");
        }
        List<Integer> parsedLevels = Arrays.stream(levels.split(",")).map(String::trim).map(Integer::parseInt).toList();
        if (parsedLevels.stream().anyMatch(n -> n <= 0)) usage("concurrency levels must be positive");
        return new Options(URI.create(url), user, password, parsedLevels, seconds, warmup,
            out == null ? null : Path.of(out), allowRemote, jdbc, jdbcUser, jdbcPassword,
            ticketIds == null ? null : Path.of(ticketIds), idCount, inboxPath, ticketPath, timingMetric);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) usage("missing value for " + args[i - 1]);
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: java [-cp postgresql.jar] bench/PageLoad.java [--url http://127.0.0.1:8080] "
            + "--user EMAIL --password PASSWORD (--jdbc JDBC_URL [--jdbc-user postgres] [--jdbc-password P] [--ids 1000] "
            + "| --ticket-ids FILE) [--concurrency 1,4,8] [--seconds 20] [--warmup 5] [--out results.json] "
            + "[--inbox-path /inbox] [--ticket-path /tickets/{id}] [--timing-metric app] [--allow-remote]");
        System.exit(2);
    }
}
