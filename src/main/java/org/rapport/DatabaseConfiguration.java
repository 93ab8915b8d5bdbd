package org.rapport;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one DataSource: the given PostgreSQL server, or the embedded one under the data directory. */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(DatabaseProperties properties) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("rapport");
        config.setMaximumPoolSize(properties.poolSize());
        if (!properties.embedded()) {
            // Without the query string: a password may be written there.
            log.info("Using the PostgreSQL server at {}", properties.url().replaceFirst("\\?.*$", ""));
            config.setJdbcUrl(properties.url());
            config.setUsername(properties.user());
            config.setPassword(properties.password());
            return new HikariDataSource(config);
        }
        EmbeddedPostgres postgres = EmbeddedPostgresServer.acquire(properties);
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setPassword(EmbeddedPostgresServer.password(properties));
        return new EmbeddedDataSource(config, properties);
    }

    /** Closing the pool lets go of the embedded server, which stops when nobody holds it any more. */
    static final class EmbeddedDataSource extends HikariDataSource {

        private final DatabaseProperties properties;
        private boolean released;

        EmbeddedDataSource(HikariConfig config, DatabaseProperties properties) {
            super(config);
            this.properties = properties;
        }

        @Override
        public synchronized void close() {
            super.close();
            if (!released) {
                released = true;
                EmbeddedPostgresServer.release(properties);
            }
        }
    }
}
