package org.rapport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rapport.access.AdminTasks;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * The {@code rapport} command line. Without a subcommand it serves; the other subcommands are tasks an
 * admin runs offline. A task that needs no database starts none.
 */
@Command(
        name = "rapport",
        mixinStandardHelpOptions = true,
        versionProvider = Rapport.Version.class,
        description = "Rapport, the customer-service platform. Without a subcommand: serve.",
        subcommands = {
            Rapport.Serve.class,
            Rapport.Admin.class,
            Rapport.Db.class,
            Rapport.Config.class,
            MailCommand.class,
            AnalyseCommand.class,
            GuidanceCommand.class,
            CommandLine.HelpCommand.class
        })
public class Rapport implements Callable<Integer> {

    @Option(names = "--demo", description = "Load realistic sample data on start (only into an empty help desk).")
    boolean demo;

    @Unmatched
    List<String> springArguments = new ArrayList<>();

    public static void main(String[] args) {
        int exit = new CommandLine(new Rapport()).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    @Override
    public Integer call() {
        return new Serve().serve(demo, springArguments);
    }

    static ConfigurableApplicationContext startWithoutWeb(String... args) {
        return new SpringApplicationBuilder(RapportApplication.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .properties("spring.main.banner-mode=off", "logging.level.root=WARN", "logging.level.org.rapport=INFO")
                .run(args);
    }

    @Command(name = "serve", description = "Start Rapport (the default).")
    static class Serve implements Callable<Integer> {

        @Option(names = "--demo", description = "Load realistic sample data on start (only into an empty help desk).")
        boolean demo;

        @Unmatched
        List<String> springArguments = new ArrayList<>();

        @Override
        public Integer call() {
            return serve(demo, springArguments);
        }

        int serve(boolean withDemo, List<String> arguments) {
            List<String> args = new ArrayList<>(arguments);
            if (withDemo) {
                args.add("--rapport.demo.enabled=true");
            }
            new SpringApplicationBuilder(RapportApplication.class).run(args.toArray(String[]::new));
            return 0;
        }
    }

    @Command(
            name = "admin",
            description = "Account tasks that need the database but no running server.",
            subcommands = {Admin.ResetPassword.class, Admin.CreateToken.class})
    static class Admin {

        @Command(name = "reset-password", description = "Set a new password for an agent and print it.")
        static class ResetPassword implements Callable<Integer> {

            @Option(names = "--email", required = true, description = "The agent's email address.")
            String email;

            @Option(
                    names = "--password",
                    description = "The new password (at least 12 characters); a random one when omitted.")
            String password;

            @Override
            public Integer call() {
                try (var context = startWithoutWeb()) {
                    String result = context.getBean(AdminTasks.class).resetPassword(email, password);
                    System.out.println("New password for " + email + ": " + result);
                    return 0;
                }
            }
        }

        @Command(name = "create-token", description = "Create an API token for an agent and print its secret once.")
        static class CreateToken implements Callable<Integer> {

            @Option(names = "--email", required = true, description = "The agent the token acts for.")
            String email;

            @Option(names = "--name", defaultValue = "cli", description = "A name to recognise the token by.")
            String name;

            @Option(
                    names = "--scope",
                    split = ",",
                    defaultValue = "read,write",
                    description = "read, write or both (default: ${DEFAULT-VALUE}).")
            List<String> scopes;

            @Override
            public Integer call() {
                try (var context = startWithoutWeb()) {
                    String secret = context.getBean(AdminTasks.class).createToken(email, name, scopes);
                    System.out.println(secret);
                    return 0;
                }
            }
        }
    }

    @Command(name = "db", description = "Database tasks.", subcommands = Db.Migrate.class)
    static class Db {

        @Command(name = "migrate", description = "Bring the database schema up to date, then exit.")
        static class Migrate implements Callable<Integer> {
            @Override
            public Integer call() {
                try (var context = startWithoutWeb()) {
                    System.out.println("Database schema is up to date.");
                    return 0;
                }
            }
        }
    }

    @Command(name = "config", description = "Print the settings Rapport reads from the environment (no database).")
    static class Config implements Callable<Integer> {
        @Override
        public Integer call() {
            String[][] settings = {
                {"SERVER_PORT", "HTTP port", "8080"},
                {"RAPPORT_DATA_DIR", "data directory (embedded PostgreSQL, files)", "./data"},
                {"RAPPORT_DB_URL", "external PostgreSQL JDBC URL (embedded when empty)", ""},
                {"RAPPORT_DB_USER", "external PostgreSQL user", ""},
                {"RAPPORT_DB_PASSWORD", "external PostgreSQL password", ""},
                {"RAPPORT_ADMIN_EMAIL", "first admin's email on first start", "admin@rapport.local"},
                {"RAPPORT_ADMIN_PASSWORD", "first admin's password on first start (generated when empty)", ""},
                {"RAPPORT_BOOTSTRAP_API_TOKEN", "admin API token secret created on start", ""},
                {"RAPPORT_API_MAX_BODY_BYTES", "largest accepted API request body", "1048576"},
                {"RAPPORT_API_RATE_LIMIT_PER_SECOND", "API requests per second per token", "50"},
            };
            for (String[] setting : settings) {
                String value = System.getenv(setting[0]);
                boolean secret = setting[0].contains("PASSWORD") || setting[0].contains("TOKEN");
                String shown = value == null ? "(default: " + setting[2] + ")" : secret ? "(set)" : value;
                System.out.printf("%-30s %-40s %s%n", setting[0], shown, setting[1]);
            }
            return 0;
        }
    }

    static class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Rapport.class.getPackage().getImplementationVersion();
            return new String[] {"Rapport " + (version == null ? "(development build)" : version)};
        }
    }
}
