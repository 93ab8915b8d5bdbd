package org.rapport.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rapport.Accounts;
import org.rapport.Api;
import org.rapport.RapportTest;
import org.rapport.agent.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

@RapportTest
class AnalysisApiTests {

    @Autowired
    Api api;

    @Autowired
    Accounts accounts;

    @Test
    void analysesATextWithTheWordsBehindEachFinding() {
        var agent = accounts.inNewTeam(Role.AGENT);
        MvcResult result = api.post(
                agent.token(),
                "/api/v1/analysis",
                "{\"text\": \"This is the THIRD time I write!! I will post a one-star review and call my lawyer.\"}");
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        JsonNode analysis = api.json(result);
        assertThat(analysis.get("urgent").asBoolean()).isTrue();
        assertThat(analysis.get("escalation").toString())
                .contains("public_review")
                .contains("legal");
        assertThat(analysis.get("cues").toString()).contains("one-star").contains("lawyer");
        assertThat(analysis.get("anger").asDouble()).isPositive();
        assertThat(analysis.get("language").asString()).isEqualTo("en");
        JsonNode french = api.json(api.post(
                agent.token(),
                "/api/v1/analysis",
                "{\"text\": \"C'est la troisième fois que j'écris. Personne ne me répond, je vais résilier.\"}"));
        assertThat(french.get("analysed").asBoolean()).isFalse();
        assertThat(french.get("language").asString()).isEqualTo("fr");
        assertThat(french.get("cues")).isEmpty();
    }

    @Test
    void badInputIsAProblemNotAFailure() {
        var agent = accounts.inNewTeam(Role.AGENT);
        assertThat(api.post(agent.token(), "/api/v1/analysis", "{}")
                        .getResponse()
                        .getStatus())
                .isEqualTo(400);
        assertThat(api.post(agent.token(), "/api/v1/analysis", "{\"text\": 42}")
                        .getResponse()
                        .getStatus())
                .isEqualTo(400);
        assertThat(api.post(agent.token(), "/api/v1/analysis", "{\"text\": \"" + "a".repeat(20_001) + "\"}")
                        .getResponse()
                        .getStatus())
                .isIn(400, 413);
        assertThat(api.post(null, "/api/v1/analysis", "{\"text\": \"hi\"}")
                        .getResponse()
                        .getStatus())
                .isEqualTo(401);
    }
}
