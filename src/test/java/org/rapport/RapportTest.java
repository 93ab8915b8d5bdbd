package org.rapport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * A test of the whole application against a real PostgreSQL: the embedded one by default, the server
 * named by RAPPORT_DB_URL otherwise (CI runs the "db" tag again against PostgreSQL 15). Tests share one
 * database, so each creates its own data and never assumes an empty table.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = RapportApplication.class)
@AutoConfigureMockMvc
@Tag("db")
public @interface RapportTest {}
