package org.rapport.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rapport.Accounts;
import org.rapport.Api;
import org.rapport.RapportTest;
import org.rapport.access.Scope;
import org.rapport.agent.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

@RapportTest
class TicketLifecycleTests {

    @Autowired
    Api api;

    @Autowired
    Accounts accounts;

    @Test
    void opensTicketWithFirstMessageAndAuditEntry() {
        var agent = accounts.inNewTeam(Role.AGENT);
        JsonNode ticket = api.openTicket(agent.token(), agent.team().value(), "Lamp arrived broken");

        assertThat(ticket.get("status").asString()).isEqualTo("new");
        assertThat(ticket.get("number").asLong()).isGreaterThan(10000);
        assertThat(ticket.get("channel").asString()).isEqualTo("email");
        JsonNode messages = api.json(
                api.get(agent.token(), "/api/v1/tickets/" + ticket.get("id").asLong() + "/messages"));
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).get("authorKind").asString()).isEqualTo("customer");
        assertThat(messages.get(0).get("direction").asString()).isEqualTo("inbound");
        JsonNode audit = api.json(
                api.get(agent.token(), "/api/v1/tickets/" + ticket.get("id").asLong() + "/audit"));
        assertThat(audit.get(0).get("field").asString()).isEqualTo("created");
        assertThat(audit.get(0).get("actor").get("kind").asString()).isEqualTo("api_token");
    }

    @Test
    void agentReplySetsFirstResponseAndOpensTicketThenSendAndSetPending() {
        var agent = accounts.inNewTeam(Role.AGENT);
        long id = api.openTicket(agent.token(), agent.team().value(), "Charged twice")
                .get("id")
                .asLong();

        MvcResult reply = api.post(agent.token(), "/api/v1/tickets/" + id + "/messages", """
                {"text": "I've refunded the duplicate charge.", "status": "pending"}""");

        assertThat(reply.getResponse().getStatus()).isEqualTo(201);
        JsonNode ticket = api.json(api.get(agent.token(), "/api/v1/tickets/" + id));
        assertThat(ticket.get("status").asString()).isEqualTo("pending");
        assertThat(ticket.get("firstResponseAt").isNull()).isFalse();
        assertThat(api.json(reply).get("authorId").asLong())
                .isEqualTo(agent.agent().value());
    }

    @Test
    void customerMessageReopensSolvedTicket() {
        var agent = accounts.inNewTeam(Role.AGENT);
        long id = api.openTicket(agent.token(), agent.team().value(), "Router drops")
                .get("id")
                .asLong();
        api.post(agent.token(), "/api/v1/tickets/" + id + "/messages", """
                {"text": "Fixed remotely.", "status": "solved"}""");
        assertThat(api.json(api.get(agent.token(), "/api/v1/tickets/" + id))
                        .get("solvedAt")
                        .isNull())
                .isFalse();

        api.post(agent.token(), "/api/v1/tickets/" + id + "/messages", """
                {"author": "customer", "text": "It dropped again this morning."}""");

        JsonNode ticket = api.json(api.get(agent.token(), "/api/v1/tickets/" + id));
        assertThat(ticket.get("status").asString()).isEqualTo("open");
        assertThat(ticket.get("solvedAt").isNull()).isTrue();
        JsonNode audit = api.json(api.get(agent.token(), "/api/v1/tickets/" + id + "/audit"));
        assertThat(audit.findValuesAsString("after")).contains("open");
    }

    @Test
    void customerMessageOnClosedTicketOpensLinkedFollowUp() {
        var agent = accounts.inNewTeam(Role.AGENT);
        long id = api.openTicket(agent.token(), agent.team().value(), "Return label")
                .get("id")
                .asLong();
        api.patch(agent.token(), "/api/v1/tickets/" + id, "{\"status\": \"closed\"}", null);

        MvcResult result = api.post(agent.token(), "/api/v1/tickets/" + id + "/messages", """
                {"author": "customer", "text": "The new label fails too."}""");

        long followUp = api.json(result).get("ticketId").asLong();
        assertThat(followUp).isNotEqualTo(id);
        JsonNode ticket = api.json(api.get(agent.token(), "/api/v1/tickets/" + followUp));
        assertThat(ticket.get("followUpOfId").asLong()).isEqualTo(id);
        assertThat(ticket.get("status").asString()).isEqualTo("new");
        assertThat(ticket.get("teamId").asLong()).isEqualTo(agent.team().value());
        assertThat(api.json(api.get(agent.token(), "/api/v1/tickets/" + id))
                        .get("status")
                        .asString())
                .isEqualTo("closed");

        MvcResult again = api.post(agent.token(), "/api/v1/tickets/" + id + "/messages", """
                {"author": "customer", "text": "And the second label too."}""");
        assertThat(api.json(again).get("ticketId").asLong()).isEqualTo(followUp);
    }

    @Test
    void staleIfMatchIsRefusedAndCurrentOneAccepted() {
        var agent = accounts.inNewTeam(Role.AGENT);
        long id = api.openTicket(agent.token(), agent.team().value(), "Invoice VAT")
                .get("id")
                .asLong();
        String etag =
                api.get(agent.token(), "/api/v1/tickets/" + id).getResponse().getHeader("ETag");

        MvcResult first = api.patch(agent.token(), "/api/v1/tickets/" + id, "{\"priority\": \"high\"}", etag);
        MvcResult second = api.patch(agent.token(), "/api/v1/tickets/" + id, "{\"priority\": \"low\"}", etag);

        assertThat(first.getResponse().getStatus()).isEqualTo(200);
        assertThat(first.getResponse().getHeader("ETag")).isNotEqualTo(etag);
        assertThat(second.getResponse().getStatus()).isEqualTo(412);
        assertThat(api.json(second).get("type").asString()).endsWith("/stale-version");
        assertThat(api.json(api.get(agent.token(), "/api/v1/tickets/" + id))
                        .get("priority")
                        .asString())
                .isEqualTo("high");
    }

    @Test
    void updatesFieldsTagsAssigneeAndCustomFieldsWithAudit() {
        var admin = accounts.inNewTeam(Role.ADMIN);
        String key = "order_" + Accounts.unique("n").replace("-", "_");
        assertThat(api.post(admin.token(), "/api/v1/custom-fields", """
                {"key": "%s", "label": "Order number", "type": "number"}""".formatted(key))
                        .getResponse()
                        .getStatus())
                .isEqualTo(201);
        long id = api.openTicket(admin.token(), admin.team().value(), "Parcel")
                .get("id")
                .asLong();

        MvcResult result = api.patch(
                admin.token(),
                "/api/v1/tickets/" + id,
                """
                {"subject": "Parcel damaged", "tags": ["Damaged", "courier"], "assigneeId": %d, "customFields": {"%s": 48213}}""".formatted(admin.agent().value(), key),
                null);

        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        JsonNode ticket = api.json(result);
        assertThat(ticket.get("tags").toString()).isEqualTo("[\"damaged\",\"courier\"]");
        assertThat(ticket.get("assigneeId").asLong()).isEqualTo(admin.agent().value());
        assertThat(ticket.get("customFields").get(key).asLong()).isEqualTo(48213);
        MvcResult wrongType = api.patch(admin.token(), "/api/v1/tickets/" + id, """
                {"customFields": {"%s": "many"}}""".formatted(key), null);
        assertThat(wrongType.getResponse().getStatus()).isEqualTo(400);
        MvcResult infinite = api.patch(admin.token(), "/api/v1/tickets/" + id, """
                {"customFields": {"%s": 1e400}}""".formatted(key), null);
        assertThat(infinite.getResponse().getStatus())
                .as(Api.contentOf(infinite))
                .isEqualTo(400);
        assertThat(api.json(wrongType).get("field").asString()).isEqualTo("customFields." + key);
        JsonNode audit = api.json(api.get(admin.token(), "/api/v1/tickets/" + id + "/audit"));
        assertThat(audit.findValuesAsString("field")).contains("subject", "tags", "assignee", "custom." + key);

        MvcResult unassign = api.patch(admin.token(), "/api/v1/tickets/" + id, "{\"assigneeId\": null}", null);
        assertThat(api.json(unassign).get("assigneeId").isNull()).isTrue();
    }

    @Test
    void assigneeMustBelongToTheTicketsTeam() {
        var agent = accounts.inNewTeam(Role.AGENT);
        var stranger = accounts.inNewTeam(Role.AGENT);
        long id = api.openTicket(agent.token(), agent.team().value(), "Team rule")
                .get("id")
                .asLong();

        MvcResult result = api.patch(
                agent.token(),
                "/api/v1/tickets/" + id,
                "{\"assigneeId\": %d}".formatted(stranger.agent().value()),
                null);

        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        assertThat(api.json(result).get("field").asString()).isEqualTo("assignee");
    }

    @Test
    void mergesTicketsMovingMessagesAndPointingToSurvivor() {
        var agent = accounts.inNewTeam(Role.AGENT);
        long merged = api.openTicket(agent.token(), agent.team().value(), "Duplicate")
                .get("id")
                .asLong();
        long survivor = api.openTicket(agent.token(), agent.team().value(), "Original")
                .get("id")
                .asLong();

        MvcResult result =
                api.post(agent.token(), "/api/v1/tickets/" + merged + "/merge", "{\"into\": %d}".formatted(survivor));

        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        assertThat(api.json(api.get(agent.token(), "/api/v1/tickets/" + survivor + "/messages")))
                .hasSize(2);
        JsonNode source = api.json(api.get(agent.token(), "/api/v1/tickets/" + merged));
        assertThat(source.get("mergedIntoId").asLong()).isEqualTo(survivor);
        assertThat(source.get("status").asString()).isEqualTo("closed");
        assertThat(api.post(agent.token(), "/api/v1/tickets/" + merged + "/merge", "{\"into\": %d}".formatted(survivor))
                        .getResponse()
                        .getStatus())
                .isEqualTo(409);
        assertThat(api.post(
                                agent.token(),
                                "/api/v1/tickets/" + survivor + "/merge",
                                "{\"into\": %d}".formatted(survivor))
                        .getResponse()
                        .getStatus())
                .isEqualTo(409);
    }

    @Test
    void splitsAMessageOutIntoANewLinkedTicket() {
        var agent = accounts.inNewTeam(Role.AGENT);
        long id = api.openTicket(agent.token(), agent.team().value(), "Two problems")
                .get("id")
                .asLong();
        long second = api.json(api.post(agent.token(), "/api/v1/tickets/" + id + "/messages", """
                {"author": "customer", "text": "Also, my invoice is wrong."}"""))
                .get("id")
                .asLong();

        MvcResult result = api.post(agent.token(), "/api/v1/tickets/" + id + "/messages/" + second + "/split", "");

        assertThat(result.getResponse().getStatus()).isEqualTo(201);
        long created = api.json(result).get("id").asLong();
        assertThat(api.json(result).get("splitFromId").asLong()).isEqualTo(id);
        assertThat(api.json(api.get(agent.token(), "/api/v1/tickets/" + created + "/messages"))
                        .get(0)
                        .get("id")
                        .asLong())
                .isEqualTo(second);
        assertThat(api.json(api.get(agent.token(), "/api/v1/tickets/" + id + "/messages")))
                .hasSize(1);
    }

    @Test
    void listsWithFiltersAndCursorPagesWithoutGapsOrRepeats() {
        var agent = accounts.inNewTeam(Role.AGENT);
        for (int i = 0; i < 7; i++) {
            api.openTicket(agent.token(), agent.team().value(), "Paged " + i);
        }
        java.util.List<Long> seen = new java.util.ArrayList<>();
        String cursor = null;
        do {
            String path = "/api/v1/tickets?teamId=" + agent.team().value() + "&status=new&sort=-created&limit=3"
                    + (cursor == null ? "" : "&cursor=" + cursor);
            JsonNode page = api.json(api.get(agent.token(), path));
            page.get("items").forEach(t -> seen.add(t.get("id").asLong()));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
        } while (cursor != null);

        assertThat(seen).hasSize(7).doesNotHaveDuplicates();
        assertThat(seen).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        JsonNode filtered = api.json(
                api.get(agent.token(), "/api/v1/tickets?teamId=" + agent.team().value() + "&priority=urgent"));
        assertThat(filtered.get("items")).isEmpty();
    }

    @Test
    void attachmentsAreStoredAndServedAsDownloads() {
        var agent = accounts.inNewTeam(Role.AGENT, Scope.READ, Scope.WRITE);
        long id = api.openTicket(agent.token(), agent.team().value(), "Photos")
                .get("id")
                .asLong();
        String html = java.util.Base64.getEncoder().encodeToString("<script>alert(1)</script>".getBytes());
        JsonNode message =
                api.json(api.post(agent.token(), "/api/v1/tickets/" + id + "/messages", """
                {"author": "customer", "text": "See attached", "attachments": [{"fileName": "page.html", "mediaType": "text/html", "contentBase64": "%s"}]}""".formatted(html)));

        String url = message.get("attachments").get(0).get("url").asString();
        MvcResult download = api.get(agent.token(), url);

        assertThat(download.getResponse().getStatus()).isEqualTo(200);
        assertThat(download.getResponse().getHeader("Content-Disposition")).startsWith("attachment");
        assertThat(download.getResponse().getContentType()).isEqualTo("application/octet-stream");
        assertThat(download.getResponse().getContentAsByteArray()).isEqualTo("<script>alert(1)</script>".getBytes());
    }
}
