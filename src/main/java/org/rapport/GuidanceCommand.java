package org.rapport;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.rapport.analysis.LexiconEmotionClassifier;
import org.rapport.guidance.Assessment;
import org.rapport.guidance.BusinessHours;
import org.rapport.guidance.DueDates;
import org.rapport.guidance.PolicyLimits;
import org.rapport.guidance.Promise;
import org.rapport.guidance.PromiseExtractor;
import org.rapport.guidance.ReplyChecker;
import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;

@Command(
        name = "guidance",
        description = "Reply guidance offline (no server, no database).",
        subcommands = GuidanceCommand.Check.class)
class GuidanceCommand {

    @Command(
            name = "check",
            description = "Check reply drafts: JSON lines {\"id\":…,\"draft\":…[,\"customer\":…][,\"assessment\":…]"
                    + "[,\"policy\":{\"refund_max\":…,\"refund_days\":…,\"remedies\":[…],\"supervisor_above\":…}]"
                    + "[,\"sent_at\":\"2026-11-23T10:00:00Z\"]} on standard input, one JSON result per line (findings,"
                    + " promises with due dates in standard business hours). A line that cannot be read gets"
                    + " {\"id\":…,\"error\":…}; the exit code is then 2.")
    static class Check implements Callable<Integer> {

        static final int MAX_DRAFT = 20_000;

        @Override
        public Integer call() throws Exception {
            return run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out);
        }

        static int run(BufferedReader in, PrintStream out) throws Exception {
            ReplyChecker checker = new ReplyChecker(new LexiconEmotionClassifier());
            PromiseExtractor promises = new PromiseExtractor();
            return JsonLines.run(in, out, (node, result) -> {
                String draft = JsonLines.text(node, "draft", true);
                if (draft.length() > MAX_DRAFT) {
                    throw new IllegalArgumentException("draft longer than " + MAX_DRAFT + " characters");
                }
                String customer = JsonLines.text(node, "customer", false);
                Assessment assessment = Assessment.parse(JsonLines.text(node, "assessment", false));
                Instant sentAt = node.hasNonNull("sent_at")
                        ? Instant.parse(JsonLines.text(node, "sent_at", true))
                        : Instant.now();
                result.put("findings", checker.check(draft, customer, assessment, limits(node.get("policy"))));
                List<Map<String, Object>> found = new java.util.ArrayList<>();
                for (Promise p : promises.extract(draft)) {
                    Map<String, Object> promise = new LinkedHashMap<>();
                    promise.put("kind", p.kind());
                    promise.put("quote", p.quote());
                    promise.put("due", p.due());
                    promise.put(
                            "dueAt",
                            p.due() == null
                                    ? null
                                    : DueDates.resolve(
                                                    p.due().text(),
                                                    sentAt.atZone(BusinessHours.STANDARD.zone()),
                                                    BusinessHours.STANDARD)
                                            .orElse(null));
                    found.add(promise);
                }
                result.put("promises", found);
            });
        }

        /** The policy fields as the labelled drafts write them; absent: no policy, no limit checked. */
        static PolicyLimits limits(JsonNode policy) {
            if (policy == null || policy.isNull()) {
                return PolicyLimits.NONE;
            }
            if (!policy.isObject()) {
                throw new IllegalArgumentException("\"policy\" must be an object");
            }
            Set<String> remedies = new LinkedHashSet<>();
            JsonNode list = policy.get("remedies");
            if (list != null && list.isArray()) {
                list.forEach(r -> remedies.add(r.asString()));
            }
            return new PolicyLimits(
                    amount(policy.get("refund_max")),
                    policy.hasNonNull("refund_days") ? policy.get("refund_days").asInt() : null,
                    remedies,
                    amount(policy.get("supervisor_above")));
        }

        private static BigDecimal amount(JsonNode value) {
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isNumber()) {
                throw new IllegalArgumentException("policy amounts must be numbers");
            }
            return value.decimalValue();
        }
    }
}
