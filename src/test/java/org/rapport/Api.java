package org.rapport;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the API as a token holder would, through the whole filter chain. */
@Component
public class Api {

    // Looked up when used: the CLI's contexts in tests scan this class too, and have no MockMvc.
    private final org.springframework.beans.factory.ObjectProvider<MockMvc> mvc;
    private final JsonMapper json;

    Api(org.springframework.beans.factory.ObjectProvider<MockMvc> mvc, JsonMapper json) {
        this.mvc = mvc;
        this.json = json;
    }

    public MvcResult get(String token, String path) {
        return perform(MockMvcRequestBuilders.get(path), token);
    }

    public MvcResult post(String token, String path, String body) {
        return perform(
                MockMvcRequestBuilders.post(path)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body),
                token);
    }

    public MvcResult patch(String token, String path, String body, String ifMatch) {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.patch(path)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return perform(request, token);
    }

    public MvcResult perform(MockHttpServletRequestBuilder request, String token) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return mvc.getObject().perform(request).andReturn();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public JsonNode json(MvcResult result) {
        try {
            return json.readTree(result.getResponse().getContentAsString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Opens a ticket from a new customer in the given team and returns its JSON. */
    public JsonNode openTicket(String token, Long teamId, String subject) {
        return open(token, teamId, subject, "My order arrived broken.", null);
    }

    /** Opens a ticket whose first message, the customer's own, is {@code text}. */
    public JsonNode openTicket(String token, Long teamId, String subject, String text) {
        return open(token, teamId, subject, text, "customer");
    }

    private JsonNode open(String token, Long teamId, String subject, String text, String author) {
        String body = """
                {"subject": "%s", "customer": {"email": "%s@example.com", "name": "Casey"}, "channel": "email",
                 %s "message": {"text": %s%s}}""".formatted(
                        subject,
                        Accounts.unique("customer"),
                        teamId == null ? "" : "\"teamId\": " + teamId + ",",
                        tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(text),
                        author == null ? "" : ", \"author\": \"" + author + "\"");
        MvcResult result = post(token, "/api/v1/tickets", body);
        if (result.getResponse().getStatus() != 201) {
            throw new AssertionError(
                    "could not open a ticket: " + result.getResponse().getStatus() + " " + contentOf(result));
        }
        return json(result);
    }

    public static String contentOf(MvcResult result) {
        try {
            return result.getResponse().getContentAsString();
        } catch (Exception e) {
            return "";
        }
    }
}
