package org.rapport.access;

import java.util.EnumSet;
import java.util.Set;
import org.rapport.agent.Agent;
import org.rapport.agent.AgentDetails;
import org.rapport.agent.AgentQueries;
import org.rapport.agent.AgentService;
import org.rapport.agent.Role;
import org.rapport.shared.AgentId;
import org.rapport.shared.TeamId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On the first start of an empty help desk: a "Support" team and the first admin, with the password
 * from the environment or a generated one-time password printed once. On every start: the
 * operator's bootstrap API token, if one is configured and not yet present.
 */
@Component
@ConditionalOnWebApplication
@Order(0)
class FirstStart implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstStart.class);
    private static final long LOCK = 0x5241_5050L; // serialises first starts of several nodes on one database

    private final AccessProperties properties;
    private final AgentQueries agentQueries;
    private final AgentService agents;
    private final Credentials credentials;
    private final ApiTokens tokens;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    FirstStart(
            AccessProperties properties,
            AgentQueries agentQueries,
            AgentService agents,
            Credentials credentials,
            ApiTokens tokens,
            JdbcClient jdbc,
            TransactionTemplate transactions) {
        this.properties = properties;
        this.agentQueries = agentQueries;
        this.agents = agents;
        this.credentials = credentials;
        this.tokens = tokens;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public void run(ApplicationArguments args) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(?)")
                    .param(LOCK)
                    .query(Object.class)
                    .list();
            if (!agentQueries.any()) {
                createFirstAdmin();
            }
            String secret = properties.bootstrapApiToken() == null
                    ? null
                    : properties.bootstrapApiToken().trim();
            if (secret != null && !secret.isBlank() && !tokens.exists(secret)) {
                Agent admin = agentQueries
                        .findByEmail(properties.adminEmail())
                        .filter(a -> a.role() == Role.ADMIN)
                        .or(() -> agentQueries.all().stream()
                                .filter(a -> a.role() == Role.ADMIN && a.active())
                                .findFirst())
                        .orElseThrow(() -> new IllegalStateException("no active admin to own the bootstrap API token"));
                tokens.create(admin.id(), "bootstrap", EnumSet.of(Scope.READ, Scope.WRITE), secret);
                log.info("Created the bootstrap API token (read, write) for {}", admin.email());
            }
        });
    }

    private void createFirstAdmin() {
        TeamId support = agents.createTeam("Support");
        String email = properties.adminEmail();
        AgentId admin =
                agents.create(new AgentDetails(email, "Administrator", Role.ADMIN, Set.of(support), null, null, null));
        String given = properties.adminPassword();
        boolean generated = given == null || given.isBlank();
        String password = generated ? credentials.generate() : given;
        credentials.setPassword(admin, email, password, generated);
        if (generated) {
            log.warn("""

                    ==================================================================
                      First start: created the admin account
                        email:              {}
                        one-time password:  {}
                      Sign in and change it. It is not shown again.
                    ==================================================================""", email, password);
        } else {
            log.info("First start: created the admin account {} with the password from RAPPORT_ADMIN_PASSWORD", email);
        }
    }
}
