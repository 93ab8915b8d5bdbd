import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The "raw limit" beside TicketLoad: the rows one ticket create writes, inserted straight over JDBC
 * with one durable transaction per ticket and no application in between.
 *
 * <pre>
 * java -cp postgresql.jar bench/JdbcInsertLoad.java --jdbc jdbc:postgresql://127.0.0.1:5432/bench \
 *     --user U --password P --concurrency 1,8,32 --seconds 20 [--warmup 5] [--out results.json]
 * </pre>
 *
 * Creates scratch tables bench_customer, bench_ticket, bench_message and bench_audit at start and
 * drops them at the end. Leaves synchronous_commit at the server's setting, so every commit waits
 * for the WAL flush just like the application's commits do.
 */
public class JdbcInsertLoad {

    /** Same customer mix as TicketLoad: a pool of returning customers plus about 20% new ones. */
    private static final int KNOWN_CUSTOMERS = 400;
    private static final double NEW_CUSTOMER_SHARE = 0.20;
    private static final int MAX_ERROR_SAMPLES = 3;
    private static final Instant STARTED_AT = Instant.now();

    private static final List<String> TABLES = List.of("bench_audit", "bench_message", "bench_ticket", "bench_customer");

    private static final String SCHEMA = """
        CREATE TABLE bench_customer (
            id bigserial PRIMARY KEY,
            email text UNIQUE,
            name text,
            created_at timestamptz DEFAULT now()
        );
        CREATE TABLE bench_ticket (
            id bigserial PRIMARY KEY,
            number bigint,
            customer_id bigint,
            subject text,
            status text,
            priority text,
            channel text,
            created_at timestamptz DEFAULT now(),
            updated_at timestamptz DEFAULT now()
        );
        CREATE TABLE bench_message (
            id bigserial PRIMARY KEY,
            ticket_id bigint,
            body text,
            created_at timestamptz DEFAULT now()
        );
        CREATE TABLE bench_audit (
            id bigserial PRIMARY KEY,
            ticket_id bigint,
            field text,
            after text,
            at timestamptz DEFAULT now()
        );
        """;

    private static final String UPSERT_CUSTOMER = """
        INSERT INTO bench_customer (email, name) VALUES (?, ?)
        ON CONFLICT (email) DO UPDATE SET name = excluded.name
        RETURNING id""";
    private static final String INSERT_TICKET = """
        INSERT INTO bench_ticket (number, customer_id, subject, status, priority, channel)
        VALUES (?, ?, ?, 'open', 'normal', 'api')
        RETURNING id""";
    private static final String INSERT_MESSAGE = "INSERT INTO bench_message (ticket_id, body) VALUES (?, ?)";
    private static final String INSERT_AUDIT = "INSERT INTO bench_audit (ticket_id, field, after) VALUES (?, 'status', 'open')";

    // Copied verbatim from TicketLoad so both benchmarks write the same subjects and bodies.
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

    record Complaint(String subject, String body) {}

    record Options(String jdbc, String user, String password, List<Integer> levels, int seconds, int warmup, Path out) {}

    record LevelResult(int concurrency, long requests, long errors, int seconds, long[] sortedNanos) {
        /** Committed tickets per second; failed transactions are not capacity. */
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

    public static void main(String[] args) throws Exception {
        Options options = parse(args);
        String run = Long.toString(System.currentTimeMillis() % 10_000_000_000L, 36);
        ErrorSamples errorSamples = new ErrorSamples();
        // Stands in for the application's ticket numbering without adding a round trip of its own.
        AtomicLong ticketNumbers = new AtomicLong(1000);

        try (Connection admin = connect(options)) {
            String server = admin.getMetaData().getDatabaseProductVersion();
            String synchronousCommit = showSetting(admin, "synchronous_commit");
            System.out.printf("JdbcInsertLoad run=%s server=PostgreSQL %s synchronous_commit=%s warmup=%ds "
                    + "measured=%ds levels=%s cpus=%d java=%s%n",
                run, server, synchronousCommit, options.warmup(), options.seconds(), options.levels(),
                Runtime.getRuntime().availableProcessors(), Runtime.version());
            if (!"on".equals(synchronousCommit)) {
                System.out.println("warning: synchronous_commit is '" + synchronousCommit
                    + "' on this server, so commits are not fully durable and figures are optimistic");
            }

            dropTables(admin);
            try (Statement statement = admin.createStatement()) {
                statement.execute(SCHEMA);
            }
            try {
                List<LevelResult> results = new ArrayList<>();
                for (int concurrency : options.levels()) {
                    LevelResult result = runLevel(options, run, concurrency, ticketNumbers, errorSamples);
                    results.add(result);
                    System.out.println(summaryLine(result));
                }
                System.out.println();
                System.out.println(markdownTable(results));
                if (options.out() != null) {
                    Files.writeString(options.out(), json(options, server, synchronousCommit, results));
                    System.out.println("wrote " + options.out());
                }
            } finally {
                dropTables(admin);
            }
        }
    }

    private static LevelResult runLevel(Options options, String run, int concurrency, AtomicLong ticketNumbers,
                                        ErrorSamples errorSamples) throws Exception {
        // Connect every worker before the clock starts: connection setup is not part of a ticket create.
        List<Worker> workers = new ArrayList<>();
        try {
            for (int i = 0; i < concurrency; i++) {
                workers.add(new Worker(connect(options), run, concurrency, i, ticketNumbers, errorSamples));
            }
            long start = System.nanoTime();
            long measureFrom = start + Duration.ofSeconds(options.warmup()).toNanos();
            long stopAt = measureFrom + Duration.ofSeconds(options.seconds()).toNanos();

            // Platform threads: each owns a blocking JDBC connection for the whole level anyway.
            List<Thread> threads = new ArrayList<>();
            for (Worker worker : workers) {
                threads.add(Thread.ofPlatform().name("jdbc-worker-" + worker.index)
                    .start(() -> worker.run(measureFrom, stopAt)));
            }
            for (Thread thread : threads) thread.join();
        } finally {
            for (Worker worker : workers) worker.close();
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

    /** One connection, one thread, one ticket transaction after another. */
    static final class Worker implements AutoCloseable {
        final int index;
        private final Connection connection;
        private final String run;
        private final int concurrency;
        private final AtomicLong ticketNumbers;
        private final ErrorSamples errorSamples;
        private final SplittableRandom random;
        private final PreparedStatement upsertCustomer;
        private final PreparedStatement insertTicket;
        private final PreparedStatement insertMessage;
        private final PreparedStatement insertAudit;

        long[] samples = new long[4096];
        int sampleCount;
        long measuredRequests;
        long measuredErrors;

        Worker(Connection connection, String run, int concurrency, int index, AtomicLong ticketNumbers,
               ErrorSamples errorSamples) throws SQLException {
            this.connection = connection;
            this.run = run;
            this.concurrency = concurrency;
            this.index = index;
            this.ticketNumbers = ticketNumbers;
            this.errorSamples = errorSamples;
            this.random = new SplittableRandom(run.hashCode() * 31L + concurrency * 1_000L + index);
            connection.setAutoCommit(false);
            upsertCustomer = connection.prepareStatement(UPSERT_CUSTOMER);
            insertTicket = connection.prepareStatement(INSERT_TICKET);
            insertMessage = connection.prepareStatement(INSERT_MESSAGE);
            insertAudit = connection.prepareStatement(INSERT_AUDIT);
        }

        void run(long measureFrom, long stopAt) {
            for (long i = 0; ; i++) {
                long begin = System.nanoTime();
                if (begin - stopAt >= 0) return;
                boolean measured = begin - measureFrom >= 0;
                boolean ok = createTicket(i);
                long elapsed = System.nanoTime() - begin;
                if (measured) {
                    measuredRequests++;
                    if (ok) {
                        record(elapsed);
                    } else {
                        measuredErrors++;
                    }
                }
                // A lost connection would otherwise fail in a tight loop and steal CPU from the other workers.
                if (!ok && connectionLost()) {
                    System.out.println("worker " + index + " lost its connection and stopped early");
                    return;
                }
            }
        }

        private boolean createTicket(long i) {
            String email;
            String name;
            if (random.nextDouble() < NEW_CUSTOMER_SHARE) {
                email = "bench-%s-%d-%d-%d@example.com".formatted(run, concurrency, index, i);
                name = "Bench Customer %d-%d".formatted(index, i);
            } else {
                int known = random.nextInt(KNOWN_CUSTOMERS);
                email = "bench-%s-known-%d@example.com".formatted(run, known);
                name = "Bench Customer " + known;
            }
            Complaint complaint = COMPLAINTS.get(random.nextInt(COMPLAINTS.size()));
            String order = Integer.toString(100_000 + random.nextInt(900_000));
            String product = PRODUCTS.get(random.nextInt(PRODUCTS.size()));
            String subject = complaint.subject().replace("{order}", order);
            String body = complaint.body().replace("{order}", order).replace("{product}", product);
            try {
                upsertCustomer.setString(1, email);
                upsertCustomer.setString(2, name);
                long customerId = singleId(upsertCustomer);

                insertTicket.setLong(1, ticketNumbers.incrementAndGet());
                insertTicket.setLong(2, customerId);
                insertTicket.setString(3, subject);
                long ticketId = singleId(insertTicket);

                insertMessage.setLong(1, ticketId);
                insertMessage.setString(2, body);
                insertMessage.executeUpdate();

                insertAudit.setLong(1, ticketId);
                insertAudit.executeUpdate();

                connection.commit();
                return true;
            } catch (SQLException e) {
                errorSamples.offer("SQLState " + e.getSQLState() + ": " + e.getMessage());
                try {
                    connection.rollback();
                } catch (SQLException rollbackFailure) {
                    errorSamples.offer("rollback failed: " + rollbackFailure.getMessage());
                }
                return false;
            }
        }

        private boolean connectionLost() {
            try {
                return connection.isClosed();
            } catch (SQLException e) {
                return true;
            }
        }

        private static long singleId(PreparedStatement statement) throws SQLException {
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }

        private void record(long nanos) {
            if (sampleCount == samples.length) samples = Arrays.copyOf(samples, samples.length * 2);
            samples[sampleCount++] = nanos;
        }

        @Override
        public void close() {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Closing a scratch connection at the end of a level; nothing left to save.
            }
        }
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

    private static Connection connect(Options options) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", options.user());
        if (options.password() != null) properties.setProperty("password", options.password());
        // A stuck server must not keep the benchmark running forever.
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("socketTimeout", "60");
        properties.setProperty("ApplicationName", "rapport-bench");
        return DriverManager.getConnection(options.jdbc(), properties);
    }

    private static String showSetting(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW " + name)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static void dropTables(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + String.join(", ", TABLES));
        }
    }

    private static String summaryLine(LevelResult r) {
        return String.format(Locale.ROOT,
            "concurrency=%d transactions=%d throughput=%.1f tx/s p50=%.2f ms p90=%.2f ms p99=%.2f ms max=%.2f ms errors=%d",
            r.concurrency(), r.requests(), r.throughput(), r.percentileMs(50), r.percentileMs(90),
            r.percentileMs(99), r.maxMs(), r.errors());
    }

    private static String markdownTable(List<LevelResult> results) {
        StringBuilder table = new StringBuilder()
            .append("| concurrency | transactions | tx/s | p50 ms | p90 ms | p99 ms | max ms | errors |\n")
            .append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (LevelResult r : results) {
            table.append(String.format(Locale.ROOT, "| %d | %d | %.1f | %.2f | %.2f | %.2f | %.2f | %d |%n",
                r.concurrency(), r.requests(), r.throughput(), r.percentileMs(50), r.percentileMs(90),
                r.percentileMs(99), r.maxMs(), r.errors()));
        }
        return table.toString().stripTrailing();
    }

    private static String json(Options options, String server, String synchronousCommit, List<LevelResult> results) {
        StringBuilder out = new StringBuilder()
            .append("{\n")
            .append("  \"benchmark\": \"JdbcInsertLoad\",\n")
            .append("  \"server\": ").append(jsonString("PostgreSQL " + server)).append(",\n")
            .append("  \"synchronousCommit\": ").append(jsonString(synchronousCommit)).append(",\n")
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

    private static String jsonString(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.append('"').toString();
    }

    private static Options parse(String[] args) {
        String jdbc = null;
        String user = null;
        String password = null;
        String levels = "1,8,32";
        int seconds = 20;
        int warmup = 5;
        String out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--jdbc" -> jdbc = value(args, ++i);
                case "--user" -> user = value(args, ++i);
                case "--password" -> password = value(args, ++i);
                case "--concurrency" -> levels = value(args, ++i);
                case "--seconds" -> seconds = Integer.parseInt(value(args, ++i));
                case "--warmup" -> warmup = Integer.parseInt(value(args, ++i));
                case "--out" -> out = value(args, ++i);
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (jdbc == null || user == null) usage("--jdbc and --user are required");
        if (seconds <= 0 || warmup < 0) usage("--seconds must be positive and --warmup not negative");
        List<Integer> parsedLevels = Arrays.stream(levels.split(",")).map(String::trim).map(Integer::parseInt).toList();
        if (parsedLevels.stream().anyMatch(n -> n <= 0)) usage("concurrency levels must be positive");
        return new Options(jdbc, user, password, parsedLevels, seconds, warmup, out == null ? null : Path.of(out));
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) usage("missing value for " + args[i - 1]);
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: java -cp postgresql.jar bench/JdbcInsertLoad.java --jdbc jdbc:postgresql://HOST:PORT/DB "
            + "--user U [--password P] [--concurrency 1,8,32] [--seconds 20] [--warmup 5] [--out results.json]");
        System.exit(2);
    }
}
