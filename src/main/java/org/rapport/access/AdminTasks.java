package org.rapport.access;

import java.util.EnumSet;
import java.util.List;
import org.rapport.agent.Agent;
import org.rapport.agent.AgentQueries;
import org.rapport.shared.InvalidValueException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Account tasks the command line runs without a server. */
@Service
@Transactional
public class AdminTasks {

    private final AgentQueries agents;
    private final Credentials credentials;
    private final ApiTokens tokens;

    AdminTasks(AgentQueries agents, Credentials credentials, ApiTokens tokens) {
        this.agents = agents;
        this.credentials = credentials;
        this.tokens = tokens;
    }

    /** Sets the password (a generated one-time password when none is given) and returns it. */
    public String resetPassword(String email, String password) {
        Agent agent = agent(email);
        boolean generated = password == null || password.isBlank();
        String newPassword = generated ? credentials.generate() : password;
        credentials.setPassword(agent.id(), agent.email(), newPassword, generated);
        return newPassword;
    }

    public String createToken(String email, String name, List<String> scopes) {
        EnumSet<Scope> granted = EnumSet.noneOf(Scope.class);
        scopes.forEach(s -> granted.add(Scope.parse(s)));
        return tokens.create(agent(email).id(), name, granted).secret();
    }

    private Agent agent(String email) {
        return agents.findByEmail(email)
                .orElseThrow(() -> new InvalidValueException("email", "no agent has the email " + email));
    }
}
