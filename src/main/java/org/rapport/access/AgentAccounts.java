package org.rapport.access;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Agents as sign-in accounts: email and password hash; deactivated agents cannot sign in. */
@Service
class AgentAccounts implements UserDetailsService {

    private final JdbcClient jdbc;

    AgentAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        return jdbc.sql("""
                SELECT a.email, c.password_hash, a.active, a.role FROM agent a JOIN access_credential c ON c.agent_id = a.id
                WHERE a.email = lower(?)""")
                .param(email == null ? "" : email.trim())
                .query((rs, n) -> User.withUsername(rs.getString("email"))
                        .password(rs.getString("password_hash"))
                        .disabled(!rs.getBoolean("active"))
                        .roles(rs.getString("role"))
                        .build())
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("no agent with that email"));
    }
}
