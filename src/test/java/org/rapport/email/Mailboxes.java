package org.rapport.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import org.rapport.Api;
import tools.jackson.databind.JsonNode;

/** Shared by the email tests: free ports for mail servers, and the tickets a sender ended up with. */
final class Mailboxes {

    private Mailboxes() {}

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The one ticket of the customer with this email address (asserting there is exactly one). */
    static JsonNode onlyTicketOf(Api api, String token, String email) {
        JsonNode customers =
                api.json(api.get(token, "/api/v1/customers?q=" + email)).get("items");
        assertThat(customers).as("customer " + email).hasSize(1);
        JsonNode tickets = api.json(api.get(
                        token, "/api/v1/customers/" + customers.get(0).get("id").asLong() + "/tickets"))
                .get("items");
        assertThat(tickets).as("tickets of " + email).hasSize(1);
        return tickets.get(0);
    }
}
