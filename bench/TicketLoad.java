import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;

/**
 * Load harness for Rapport's ticket-create endpoint.
 *
 * <pre>
 * java bench/TicketLoad.java --url http://127.0.0.1:8080 --token TOKEN \
 *     --concurrency 1,8,32 --seconds 20 [--warmup 5] [--out results.json]
 * </pre>
 *
 * Each concurrency level runs N virtual threads in a closed loop (send, wait for the response,
 * send again) for warmup + measured seconds. Only requests started inside the measured window
 * count towards throughput and latency.
 */
public class TicketLoad {

    /** Distinct returning customers; large enough to spread rows, small enough to be reused often. */
    private static final int KNOWN_CUSTOMERS = 400;
    /** Share of requests that introduce a brand-new customer email. */
    private static final double NEW_CUSTOMER_SHARE = 0.20;
    private static final int MAX_ERROR_SAMPLES = 3;
    private static final Instant STARTED_AT = Instant.now();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    record Options(URI url, String token, List<Integer> levels, int seconds, int warmup, Path out, boolean allowRemote) {}

    record Complaint(String subject, String body) {}

    record LevelResult(int concurrency, long requests, long errors, int seconds, long[] sortedNanos) {
        /** Successful tickets per second; fast failures (401, 429) must not look like capacity. */
        double throughput() {
            return (double) (requests - errors) / seconds;
        }

        double percentileMs(double percentile) {
            if (sortedNanos.length == 0) return Double.NaN;
            // Nearest-rank percentile: the smallest sample with at least p% of samples at or below it.
            int rank = (int) Math.ceil(percentile / 100.0 * sortedNanos.length);
            return sortedNanos[Math.max(0, rank - 1)] / 1e6;
        }

        double maxMs() {
            return sortedNanos.length == 0 ? Double.NaN : sortedNanos[sortedNanos.length - 1] / 1e6;
        }
    }

    // Kept identical to JdbcInsertLoad so both benchmarks write the same bytes per ticket.
    // The texts are free of quotes and backslashes, but they are still escaped on the way out.
    private static final List<Complaint> COMPLAINTS = List.of(
        new Complaint("Order {order} arrived damaged",
            "Hello, my order {order} was delivered this morning and the box was completely crushed on one side. "
                + "When I opened it the {product} inside had a cracked corner and one of the hinges is bent, so it "
                + "does not close properly anymore. I took photos of the packaging and the item before touching "
                + "anything else. I would like a replacement sent out as soon as possible, or a full refund if a "
                + "replacement is not available. Please let me know what you need from me."),
        new Complaint("Refund not received for order {order}",
            "Hi, I returned the {product} from order {order} more than three weeks ago and the tracking shows it "
                + "was delivered to your warehouse on the 4th. Your returns page said refunds take five to seven "
                + "business days, but nothing has arrived on my card yet and I have not received any email either. "
                + "Could you check what happened and tell me when I can expect the money back?"),
        new Complaint("Wrong size delivered",
            "I ordered the {product} in medium (order {order}) but the package contained a large. The label on the "
                + "bag says medium, the item itself clearly says large. I need this for a trip next weekend, so I "
                + "would really appreciate it if you could send the correct size quickly. Do I have to return the "
                + "wrong one first or can you ship the exchange right away?"),
        new Complaint("Charged twice for order {order}",
            "Good afternoon. I just checked my bank statement and I have been charged twice for order {order}, two "
                + "identical amounts on the same day, a few minutes apart. I only placed the order once and only "
                + "received one confirmation email. Please refund the duplicate charge. I can send a screenshot of "
                + "the statement if that helps with your investigation."),
        new Complaint("Package marked delivered but never arrived",
            "Hello, the tracking for order {order} says the parcel was delivered yesterday at 2pm, but I was at "
                + "home all afternoon and nobody rang the bell. I checked with my neighbours and the building "
                + "reception and nobody has it. There is no photo on the tracking page either. Can you open an "
                + "investigation with the carrier and send a new {product} in the meantime? I have been waiting "
                + "for this for almost two weeks now and I am getting quite frustrated."),
        new Complaint("Cannot log in to my account",
            "Hi, since this morning I cannot log in to my account. I reset my password twice, the reset email "
                + "arrives and the new password is accepted, but as soon as I try to sign in again I get an error "
                + "saying my session has expired. I tried two different browsers and my phone. I need to download "
                + "the invoice for order {order} for my accountant by Friday."),
        new Complaint("Missing item in order {order}",
            "My order {order} arrived today but one item is missing. The packing slip lists two units of the "
                + "{product}, but there was only one in the box and the box did not look opened or damaged. Could "
                + "you please send the missing unit? I am happy to confirm my address again if needed."),
        new Complaint("Product stopped working after a week",
            "Hello, I bought the {product} about a week ago (order {order}). It worked fine for the first few "
                + "days, but since yesterday it will not turn on at all. I charged it overnight with the original "
                + "cable and tried a different outlet, and the light does not come on. I have not dropped it or "
                + "got it wet. Is this covered by the warranty, and how do I send it in for repair or exchange? I "
                + "would prefer an exchange because I use it every day for work."),
        new Complaint("Delivery address change for order {order}",
            "Hi, I just placed order {order} and realised it will go to my old address. I moved last month and "
                + "forgot to update my profile. The order still shows as processing, so I hope it is not too late. "
                + "Could you please change the delivery address to the new one I saved in my account a few minutes "
                + "ago? If the parcel has already left, please tell me how I can redirect it."),
        new Complaint("Discount code not applied",
            "Hello, I used the code from your newsletter when I ordered the {product} (order {order}). The checkout "
                + "page showed the discount, but the final charge on my card is the full price and the invoice "
                + "does not mention the code at all. Could you refund the difference? I still have the newsletter "
                + "email and a screenshot of the checkout page if you need proof of what I saw.")
    );

    private static final List<String> PRODUCTS = List.of(
        "laptop stand", "desk lamp", "wireless headphones", "travel backpack", "coffee grinder",
        "rain jacket", "smart watch", "blender", "office chair", "phone case");

    public static void main(String[] args) throws Exception {
        Options options = parse(args);
        requireLoopback(options);

        // Bounds idle keep-alive connections; one per worker is all a closed loop can use.
        int maxConcurrency = options.levels().stream().mapToInt(Integer::intValue).max().orElse(1);
        System.setProperty("jdk.httpclient.connectionPoolSize", Integer.toString(maxConcurrency));
        HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

        // A per-run tag keeps emails from different runs apart, so every run starts with fresh customers.
        String run = Long.toString(System.currentTimeMillis() % 10_000_000_000L, 36);
        URI endpoint = URI.create(options.url().toString().replaceAll("/+$", "") + "/api/v1/tickets");
        ErrorSamples errorSamples = new ErrorSamples();

        System.out.printf("TicketLoad run=%s target=%s warmup=%ds measured=%ds levels=%s cpus=%d java=%s%n",
            run, endpoint, options.warmup(), options.seconds(), options.levels(),
            Runtime.getRuntime().availableProcessors(), Runtime.version());

        preflight(client, endpoint, options.token(), run);

        List<LevelResult> results = new ArrayList<>();
        for (int concurrency : options.levels()) {
            LevelResult result = runLevel(client, endpoint, options, run, concurrency, errorSamples);
            results.add(result);
            System.out.println(summaryLine(result));
        }

        System.out.println();
        System.out.println(markdownTable(results));
        if (options.out() != null) {
            Files.writeString(options.out(), json(options, results));
            System.out.println("wrote " + options.out());
        }
    }

    /**
     * One ticket before any timing starts: a wrong token or a stopped server should fail in a second
     * with its reason, not after minutes of errors that spin the CPU.
     */
    private static void preflight(HttpClient client, URI endpoint, String token, String run) {
        Worker probe = new Worker(client, endpoint, token, run, 0, 0, 0, 0, new ErrorSamples());
        String problem = probe.firstFailure();
        if (problem != null) {
            System.err.println("preflight ticket failed, not starting the benchmark: " + problem);
            System.exit(1);
        }
    }

    private static LevelResult runLevel(HttpClient client, URI endpoint, Options options, String run,
                                        int concurrency, ErrorSamples errorSamples) {
        long start = System.nanoTime();
        long measureFrom = start + Duration.ofSeconds(options.warmup()).toNanos();
        long stopAt = measureFrom + Duration.ofSeconds(options.seconds()).toNanos();

        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            workers.add(new Worker(client, endpoint, options.token(), run, concurrency, i,
                measureFrom, stopAt, errorSamples));
        }
        // Closing the executor waits for every worker; each stops by itself once stopAt has passed.
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            workers.forEach(executor::submit);
        }

        long requests = 0;
        long errors = 0;
        int sampleCount = 0;
        for (Worker worker : workers) {
            requests += worker.measuredRequests;
            errors += worker.measuredErrors;
            sampleCount += worker.sampleCount;
        }
        long[] merged = new long[sampleCount];
        int offset = 0;
        for (Worker worker : workers) {
            System.arraycopy(worker.samples, 0, merged, offset, worker.sampleCount);
            offset += worker.sampleCount;
        }
        Arrays.sort(merged);
        return new LevelResult(concurrency, requests, errors, options.seconds(), merged);
    }

    /** One closed-loop client: sends a ticket, waits for the answer, sends the next. */
    static final class Worker implements Runnable {
        private final HttpClient client;
        private final URI endpoint;
        private final String token;
        private final String run;
        private final int concurrency;
        private final int index;
        private final long measureFrom;
        private final long stopAt;
        private final ErrorSamples errorSamples;
        private final SplittableRandom random;

        long[] samples = new long[4096];
        int sampleCount;
        long measuredRequests;
        long measuredErrors;

        Worker(HttpClient client, URI endpoint, String token, String run, int concurrency, int index,
               long measureFrom, long stopAt, ErrorSamples errorSamples) {
            this.client = client;
            this.endpoint = endpoint;
            this.token = token;
            this.run = run;
            this.concurrency = concurrency;
            this.index = index;
            this.measureFrom = measureFrom;
            this.stopAt = stopAt;
            this.errorSamples = errorSamples;
            this.random = new SplittableRandom(run.hashCode() * 31L + concurrency * 1_000L + index);
        }

        @Override
        public void run() {
            for (long i = 0; ; i++) {
                String body = ticketJson(i);
                long begin = System.nanoTime();
                if (begin - stopAt >= 0) return;
                boolean measured = begin - measureFrom >= 0;
                boolean ok = send(body);
                long elapsed = System.nanoTime() - begin;
                if (!measured) continue;
                measuredRequests++;
                if (ok) {
                    record(elapsed);
                } else {
                    measuredErrors++;
                }
            }
        }

        private boolean send(String body) {
            String failure = post(body);
            if (failure == null) return true;
            errorSamples.offer(failure);
            return false;
        }

        /** Sends one ticket outside any measurement and returns why it failed, or null on 201. */
        String firstFailure() {
            return post(ticketJson(0));
        }

        private String post(String body) {
            HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 201 ? null : "HTTP " + response.statusCode() + ": " + response.body();
            } catch (IOException e) {
                return describe(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }

        private void record(long nanos) {
            if (sampleCount == samples.length) samples = Arrays.copyOf(samples, samples.length * 2);
            samples[sampleCount++] = nanos;
        }

        private String ticketJson(long i) {
            String email;
            String name;
            if (random.nextDouble() < NEW_CUSTOMER_SHARE) {
                email = "bench-%s-%d-%d-%d@example.com".formatted(run, concurrency, index, i);
                name = "Bench Customer %d-%d".formatted(index, i);
            } else {
                // Same name for the same email, so a returning customer is found rather than renamed.
                int known = random.nextInt(KNOWN_CUSTOMERS);
                email = "bench-%s-known-%d@example.com".formatted(run, known);
                name = "Bench Customer " + known;
            }
            Complaint complaint = COMPLAINTS.get(random.nextInt(COMPLAINTS.size()));
            String order = Integer.toString(100_000 + random.nextInt(900_000));
            String product = PRODUCTS.get(random.nextInt(PRODUCTS.size()));
            String subject = complaint.subject().replace("{order}", order);
            String text = complaint.body().replace("{order}", order).replace("{product}", product);
            return "{\"subject\":" + jsonString(subject)
                + ",\"customer\":{\"email\":" + jsonString(email) + ",\"name\":" + jsonString(name) + "}"
                + ",\"channel\":\"api\""
                + ",\"message\":{\"text\":" + jsonString(text) + "}}";
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

    private static String summaryLine(LevelResult r) {
        return String.format(Locale.ROOT,
            "concurrency=%d requests=%d throughput=%.1f req/s p50=%.2f ms p90=%.2f ms p99=%.2f ms max=%.2f ms errors=%d",
            r.concurrency(), r.requests(), r.throughput(), r.percentileMs(50), r.percentileMs(90),
            r.percentileMs(99), r.maxMs(), r.errors());
    }

    private static String markdownTable(List<LevelResult> results) {
        StringBuilder table = new StringBuilder()
            .append("| concurrency | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | errors |\n")
            .append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (LevelResult r : results) {
            table.append(String.format(Locale.ROOT, "| %d | %d | %.1f | %.2f | %.2f | %.2f | %.2f | %d |%n",
                r.concurrency(), r.requests(), r.throughput(), r.percentileMs(50), r.percentileMs(90),
                r.percentileMs(99), r.maxMs(), r.errors()));
        }
        return table.toString().stripTrailing();
    }

    private static String json(Options options, List<LevelResult> results) {
        StringBuilder out = new StringBuilder()
            .append("{\n")
            .append("  \"benchmark\": \"TicketLoad\",\n")
            .append("  \"target\": ").append(jsonString(options.url().toString())).append(",\n")
            .append("  \"startedAt\": ").append(jsonString(STARTED_AT.toString())).append(",\n")
            .append("  \"cpus\": ").append(Runtime.getRuntime().availableProcessors()).append(",\n")
            .append("  \"java\": ").append(jsonString(Runtime.version().toString())).append(",\n")
            .append("  \"warmupSeconds\": ").append(options.warmup()).append(",\n")
            .append("  \"seconds\": ").append(options.seconds()).append(",\n")
            .append("  \"levels\": [\n");
        for (int i = 0; i < results.size(); i++) {
            LevelResult r = results.get(i);
            out.append(String.format(Locale.ROOT,
                "    {\"concurrency\": %d, \"requests\": %d, \"throughput\": %.1f, \"p50Ms\": %s, \"p90Ms\": %s, "
                    + "\"p99Ms\": %s, \"maxMs\": %s, \"errors\": %d}%s%n",
                r.concurrency(), r.requests(), r.throughput(), jsonNumber(r.percentileMs(50)),
                jsonNumber(r.percentileMs(90)), jsonNumber(r.percentileMs(99)), jsonNumber(r.maxMs()),
                r.errors(), i + 1 < results.size() ? "," : ""));
        }
        return out.append("  ]\n}\n").toString();
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
        String url = null;
        String token = null;
        String levels = "1,8,32";
        int seconds = 20;
        int warmup = 5;
        String out = null;
        boolean allowRemote = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = value(args, ++i);
                case "--token" -> token = value(args, ++i);
                case "--concurrency" -> levels = value(args, ++i);
                case "--seconds" -> seconds = Integer.parseInt(value(args, ++i));
                case "--warmup" -> warmup = Integer.parseInt(value(args, ++i));
                case "--out" -> out = value(args, ++i);
                case "--allow-remote" -> allowRemote = true;
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (url == null || token == null) usage("--url and --token are required");
        if (seconds <= 0 || warmup < 0) usage("--seconds must be positive and --warmup not negative");
        List<Integer> parsedLevels = Arrays.stream(levels.split(",")).map(String::trim).map(Integer::parseInt).toList();
        if (parsedLevels.stream().anyMatch(n -> n <= 0)) usage("concurrency levels must be positive");
        return new Options(URI.create(url), token, parsedLevels, seconds, warmup,
            out == null ? null : Path.of(out), allowRemote);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) usage("missing value for " + args[i - 1]);
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: java bench/TicketLoad.java --url http://127.0.0.1:8080 --token TOKEN "
            + "[--concurrency 1,8,32] [--seconds 20] [--warmup 5] [--out results.json] [--allow-remote]");
        System.exit(2);
    }
}
