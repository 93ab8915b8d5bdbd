package org.rapport.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletContext;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.Accounts;
import org.rapport.Accounts.Account;
import org.rapport.Api;
import org.rapport.RapportTest;
import org.rapport.agent.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every class of bad input on the ticket endpoints is a 4xx problem that says what was wrong, and names
 * the field when one is at fault; none is a 500.
 */
@RapportTest
class ApiBadInputTests {

    private static final String PROBLEMS = "https://rapport.dev/problems/";
    private static final int MAX_BODY_BYTES = 65_536;
    private static final long MISSING_ID = 999_999_999L;
    private static final Object ABSENT = new Object();

    @Autowired
    Api api;

    @Autowired
    Accounts accounts;

    @Autowired
    JsonMapper json;

    @Autowired
    MockMvc mvc;

    private Account agent;

    @BeforeEach
    void anAgentInATeam() {
        agent = accounts.inNewTeam(Role.AGENT);
    }

    @Test
    void acceptsTheWellFormedRequestTheOtherTestsSpoil() {
        MvcResult result = create(ticket());

        assertThat(result.getResponse().getStatus()).as(Api.contentOf(result)).isEqualTo(201);
    }

    @Test
    void refusesMalformedJson() {
        assertProblem(create("{\"subject\": \"Broken\" \"customer\": {}}"), 400, "malformed-json");
        assertProblem(create("{not json"), 400, "malformed-json");
        assertProblem(create(""), 400, "malformed-json");
        assertProblem(update(aTicket(), "{\"subject\": }"), 400, "malformed-json");
    }

    @Test
    void refusesWrongTypesNamingTheField() {
        assertProblem(create(ticketWith("subject", 5)), 400, "wrong-type", "subject");
        assertProblem(create(ticketWith("teamId", "abc")), 400, "wrong-type", "teamId");
        assertProblem(create(ticketWith("tags", "vip")), 400, "wrong-type", "tags");
        long id = aTicket();
        assertProblem(update(id, "{\"subject\": 5}"), 400, "wrong-type", "subject");
        assertProblem(update(id, "{\"teamId\": \"abc\"}"), 400, "wrong-type", "teamId");
        assertProblem(update(id, "{\"status\": \"bogus\"}"), 400, "wrong-type", "status");
    }

    @Test
    void refusesANumberWhereAnEnumValueIsExpected() {
        long id = aTicket();

        MvcResult result = update(id, "{\"priority\": 3}");

        assertProblem(result, 400, "wrong-type", "priority");
        assertThat(read(id).get("priority").asString()).isEqualTo("normal");
    }

    @Test
    void refusesUnknownFieldNamingIt() {
        JsonNode problem = assertProblem(create(ticketWith("subjekt", "Typo")), 400, "unknown-field", "subjekt");
        assertThat(problem.get("detail").asString()).contains("subjekt");
        assertProblem(create(ticketWith("customer.mail", "typo@example.com")), 400, "unknown-field", "customer.mail");
        assertProblem(update(aTicket(), "{\"prio\": \"high\"}"), 400, "unknown-field", "prio");
    }

    @Test
    void refusesMissingRequiredPartsNamingThem() {
        assertProblem(create(ticketWithout("message")), 400, "invalid-value", "message");
        assertProblem(create(ticketWithout("customer")), 400, "invalid-value", "customer");
        assertProblem(create(ticketWithout("customer.email")), 400, "invalid-value", "customer");
    }

    @Test
    void refusesAnInvalidEmailNamingIt() {
        assertProblem(create(ticketWith("customer.email", "not-an-email")), 400, "invalid-value", "customer.email");
        assertProblem(
                create(ticketWith("customer.email", "someone@localhost")), 400, "invalid-value", "customer.email");
    }

    @Test
    void refusesAnOversizedBodyByItsContentLength() {
        MvcResult result = create(ticketWith("message.text", "x".repeat(MAX_BODY_BYTES + 1)));

        JsonNode problem = assertProblem(result, 413, "body-too-large");
        assertThat(problem.get("detail").asString()).contains(Integer.toString(MAX_BODY_BYTES));
    }

    @Test
    void refusesAnOversizedChunkedBodyWhileReadingIt() {
        MvcResult small = chunked(json.writeValueAsBytes(ticket()));
        MvcResult large = chunked(json.writeValueAsBytes(ticketWith("message.text", "x".repeat(MAX_BODY_BYTES + 1))));

        assertThat(small.getResponse().getStatus()).as(Api.contentOf(small)).isEqualTo(201);
        assertProblem(large, 413, "body-too-large");
    }

    @Test
    void answersNotFoundForATicketThatDoesNotExist() {
        String missing = "/api/v1/tickets/" + MISSING_ID;

        assertProblem(api.get(agent.token(), missing), 404, "not-found");
        assertProblem(api.get(agent.token(), missing + "/messages"), 404, "not-found");
        assertProblem(api.patch(agent.token(), missing, "{\"priority\": \"high\"}", null), 404, "not-found");
        assertProblem(api.post(agent.token(), missing + "/messages", "{\"text\": \"Hello?\"}"), 404, "not-found");
        assertProblem(api.get(agent.token(), "/api/v1/tickets/not-a-number"), 400, "invalid-value", "id");
    }

    @Test
    void refusesUnknownTeamOrCustomerOnCreateNamingThem() {
        assertProblem(create(ticketWith("teamId", MISSING_ID)), 400, "invalid-value", "team");
        assertProblem(create(ticketWith("customer", Map.of("id", MISSING_ID))), 400, "invalid-value", "customer.id");
    }

    @Test
    void refusesBadQueryParametersNamingThem() {
        assertBadListParameter("status=bogus", "status");
        assertBadListParameter("priority=whenever", "priority");
        assertBadListParameter("limit=0", "limit");
        assertBadListParameter("limit=100000", "limit");
        assertBadListParameter("limit=many", "limit");
        assertBadListParameter("createdFrom=yesterday", "createdFrom");
        assertBadListParameter("cursor=garbage", "cursor");
        assertBadListParameter("sort=sideways", "sort");
        assertBadListParameter("teamId=abc", "teamId");
        assertBadListParameter("createdFrom=%2B999999999-01-01T00:00:00Z", "createdFrom");
    }

    @Test
    void storesHostileHtmlOnlyAfterSanitisingIt() {
        String hostile = "<img src=x onerror=alert(1)><script>alert(2)</script>"
                + "<a href=\"javascript:alert(3)\">x</a><b>ok</b>";

        MvcResult created = create(ticketWith("message", Map.of("html", hostile)));

        assertThat(created.getResponse().getStatus()).as(Api.contentOf(created)).isEqualTo(201);
        long id = api.json(created).get("id").asLong();
        JsonNode message = api.json(api.get(agent.token(), "/api/v1/tickets/" + id + "/messages"))
                .get(0);
        assertThat(message.get("html").asString())
                .contains("<b>ok</b>")
                .doesNotContainIgnoringCase("onerror")
                .doesNotContainIgnoringCase("<script")
                .doesNotContainIgnoringCase("javascript:");
    }

    @Test
    void storesSqlLookingTextLiterallyAndKeepsServingLists() {
        String subject = "'); DROP TABLE ticket; --";

        MvcResult created = create(ticketWith("subject", subject));

        assertThat(created.getResponse().getStatus()).as(Api.contentOf(created)).isEqualTo(201);
        long id = api.json(created).get("id").asLong();
        assertThat(read(id).get("subject").asString()).isEqualTo(subject);
        MvcResult list =
                api.get(agent.token(), "/api/v1/tickets?teamId=" + agent.team().value());
        assertThat(list.getResponse().getStatus()).as(Api.contentOf(list)).isEqualTo(200);
        List<String> subjects = new ArrayList<>();
        api.json(list).get("items").forEach(t -> subjects.add(t.get("subject").asString()));
        assertThat(subjects).contains(subject);
        MvcResult search = api.perform(
                MockMvcRequestBuilders.get("/api/v1/customers").param("q", "100%_'); DROP TABLE customer; --"),
                agent.token());
        assertThat(search.getResponse().getStatus()).as(Api.contentOf(search)).isEqualTo(200);
        assertThat(api.json(search).get("items")).isEmpty();
    }

    @Test
    void refusesControlCharactersNamingTheField() {
        assertProblem(
                create(ticketWith("subject", "Refund\r\nBcc: attacker@example.com")), 400, "invalid-value", "subject");
        long id = aTicket();
        assertProblem(update(id, Map.of("subject", "Refund\r\nBcc: x@example.com")), 400, "invalid-value", "subject");
        assertProblem(update(id, Map.of("subject", "Nul\0byte")), 400, "invalid-value", "subject");
        JsonNode problem = assertProblem(
                api.post(agent.token(), "/api/v1/tickets/" + id + "/messages", toJson(Map.of("text", "Nul\0byte"))),
                400,
                "invalid-value");
        assertThat(problem.get("field").asString()).endsWith("text");
    }

    @Test
    void refusesAnAttachmentWhoseFileNameIsAPath() {
        MvcResult result = create(
                ticketWith("message.attachments", List.of(attachment("../../etc/passwd", base64("root:x:0:0")))));

        JsonNode problem = assertProblem(result, 400, "invalid-value");
        assertThat(problem.get("field").asString()).contains("attachments").endsWith("fileName");
    }

    @Test
    void refusesAttachmentContentThatIsNotBase64() {
        MvcResult result = create(ticketWith("message.attachments", List.of(attachment("note.txt", "not base64!"))));

        JsonNode problem = assertProblem(result, 400, "invalid-value");
        assertThat(problem.get("field").asString()).contains("attachments").endsWith("contentBase64");
    }

    @Test
    void refusesAttachmentContentWithCharactersOutsideTheBase64Alphabet() {
        MvcResult result =
                create(ticketWith("message.attachments", List.of(attachment("note.txt", "this is not base64!"))));

        JsonNode problem = assertProblem(result, 400, "invalid-value");
        assertThat(problem.get("field").asString()).contains("attachments").endsWith("contentBase64");
    }

    @Test
    void refusesANullAttachmentAsBadInputRatherThanFailing() {
        MvcResult result = create(ticketWith("message.attachments", Collections.singletonList(null)));

        assertProblem(result, 400, null);
    }

    @Test
    void refusesABodyThatIsNotValidUtf8AsAClientError() {
        byte[] body = concat(
                "{\"subject\": \"Caf".getBytes(StandardCharsets.US_ASCII),
                new byte[] {(byte) 0xC3, (byte) 0x28},
                ("\", \"customer\": {\"email\": \"" + Accounts.unique("utf") + "@example.com\"},"
                                + " \"message\": {\"text\": \"Broken bytes\"}}")
                        .getBytes(StandardCharsets.US_ASCII));

        MvcResult result = api.perform(
                MockMvcRequestBuilders.post("/api/v1/tickets")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body),
                agent.token());

        assertThat(result.getResponse().getStatus()).as(Api.contentOf(result)).isBetween(400, 499);
        assertProblem(result, result.getResponse().getStatus(), null);
    }

    @Test
    void refusesANonJsonContentType() {
        MvcResult result = api.perform(
                MockMvcRequestBuilders.post("/api/v1/tickets")
                        .contentType(MediaType.TEXT_PLAIN)
                        .content(toJson(ticket())),
                agent.token());

        assertProblem(result, 415, null);
    }

    @Test
    void refusesAnUnsupportedMethod() {
        long id = aTicket();

        MvcResult result = api.perform(MockMvcRequestBuilders.delete("/api/v1/tickets/" + id), agent.token());

        assertProblem(result, 405, null);
        assertThat(result.getResponse().getHeader("Allow")).contains("PATCH");
        assertThat(api.get(agent.token(), "/api/v1/tickets/" + id).getResponse().getStatus())
                .isEqualTo(200);
    }

    /** A valid request to open a ticket, as mutable maps so that each test can spoil one part. */
    private Map<String, Object> ticket() {
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("email", Accounts.unique("robin") + "@example.com");
        customer.put("name", "Robin");
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("text", "The invoice total is wrong.");
        Map<String, Object> ticket = new LinkedHashMap<>();
        ticket.put("subject", "Invoice total");
        ticket.put("customer", customer);
        ticket.put("channel", "web_form");
        ticket.put("teamId", agent.team().value());
        ticket.put("message", message);
        return ticket;
    }

    /** The valid request with the value at a dotted path ({@code customer.email}) replaced or added. */
    private Map<String, Object> ticketWith(String path, Object value) {
        Map<String, Object> ticket = ticket();
        String[] keys = path.split("\\.");
        Map<String, Object> target = ticket;
        for (int i = 0; i < keys.length - 1; i++) {
            target = object(target.get(keys[i]));
        }
        String last = keys[keys.length - 1];
        if (value == ABSENT) {
            target.remove(last);
        } else {
            target.put(last, value);
        }
        return ticket;
    }

    private Map<String, Object> ticketWithout(String path) {
        return ticketWith(path, ABSENT);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> attachment(String fileName, String contentBase64) {
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("fileName", fileName);
        attachment.put("mediaType", "text/plain");
        attachment.put("contentBase64", contentBase64);
        return attachment;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private String toJson(Object value) {
        return value instanceof String text ? text : json.writeValueAsString(value);
    }

    private MvcResult create(Object body) {
        return api.post(agent.token(), "/api/v1/tickets", toJson(body));
    }

    private MvcResult update(long id, Object body) {
        return api.patch(agent.token(), "/api/v1/tickets/" + id, toJson(body), null);
    }

    private long aTicket() {
        return api.openTicket(agent.token(), agent.team().value(), "Target of bad input")
                .get("id")
                .asLong();
    }

    private JsonNode read(long id) {
        return api.json(api.get(agent.token(), "/api/v1/tickets/" + id));
    }

    private MvcResult chunked(byte[] body) {
        try {
            return mvc.perform(new ChunkedPost("/api/v1/tickets")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(body)
                            .header("Transfer-Encoding", "chunked")
                            .header("Authorization", "Bearer " + agent.token()))
                    .andReturn();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void assertBadListParameter(String query, String field) {
        assertProblem(api.get(agent.token(), "/api/v1/tickets?" + query), 400, "invalid-value", field);
    }

    private JsonNode assertProblem(MvcResult result, int status, String type, String field) {
        JsonNode problem = assertProblem(result, status, type);
        assertThat(problem.get("field")).as("field of %s", problem).isNotNull();
        assertThat(problem.get("field").asString()).isEqualTo(field);
        return problem;
    }

    /**
     * Asserts the exact status (so never a 500), an RFC 9457 body of one of our problem types ({@code type}
     * null accepts any of them) with a detail, and returns the body.
     */
    private JsonNode assertProblem(MvcResult result, int status, String type) {
        assertThat(result.getResponse().getStatus()).as(Api.contentOf(result)).isEqualTo(status);
        String contentType = result.getResponse().getContentType();
        assertThat(contentType).as("content type of a %d", status).isNotNull();
        assertThat(MediaType.parseMediaType(contentType).equalsTypeAndSubtype(MediaType.APPLICATION_PROBLEM_JSON))
                .as("content type %s", contentType)
                .isTrue();
        JsonNode problem = api.json(result);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asString()).startsWith(PROBLEMS);
        if (type != null) {
            assertThat(problem.get("type").asString()).isEqualTo(PROBLEMS + type);
        }
        assertThat(problem.get("detail").asString()).isNotBlank();
        return problem;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /**
     * A POST that declares no Content-Length, as a chunked upload arrives: only the limit applied while
     * the body is read can stop it.
     */
    static final class ChunkedPost extends AbstractMockHttpServletRequestBuilder<ChunkedPost> {

        ChunkedPost(String path) {
            super(HttpMethod.POST);
            uri(path);
        }

        @Override
        protected MockHttpServletRequest createServletRequest(ServletContext context) {
            return new MockHttpServletRequest(context) {
                @Override
                public int getContentLength() {
                    return -1;
                }

                @Override
                public long getContentLengthLong() {
                    return -1;
                }
            };
        }
    }
}
