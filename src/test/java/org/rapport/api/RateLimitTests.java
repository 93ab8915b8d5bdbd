package org.rapport.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rapport.Accounts;
import org.rapport.Api;
import org.rapport.RapportTest;
import org.rapport.agent.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MvcResult;

@RapportTest
@TestPropertySource(properties = {"rapport.api.rate-limit-per-second=2", "rapport.api.rate-limit-burst=5"})
class RateLimitTests {

    @Autowired
    Api api;

    @Autowired
    Accounts accounts;

    @Test
    void tokenOverItsRateGets429WithRetryAfterWhileOthersAreServed() {
        var busy = accounts.inNewTeam(Role.AGENT);
        var calm = accounts.inNewTeam(Role.AGENT);

        List<Integer> statuses = new ArrayList<>();
        MvcResult limited = null;
        for (int i = 0; i < 10; i++) {
            MvcResult result = api.get(busy.token(), "/api/v1/teams");
            statuses.add(result.getResponse().getStatus());
            if (result.getResponse().getStatus() == 429) {
                limited = result;
            }
        }

        assertThat(statuses.subList(0, 5)).containsOnly(200);
        assertThat(statuses).contains(429);
        assertThat(limited.getResponse().getHeader("Retry-After")).matches("[1-9][0-9]*");
        assertThat(api.json(limited).get("type").asString()).endsWith("/rate-limited");
        assertThat(api.get(calm.token(), "/api/v1/teams").getResponse().getStatus())
                .isEqualTo(200);
    }
}
