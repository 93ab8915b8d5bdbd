package org.rapport;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rapport.email.EmailIntake;
import org.rapport.email.EmailQuarantine;
import org.rapport.email.InboundEmail;
import org.rapport.mail.MailAddress;
import org.rapport.mail.MailLimits;
import org.rapport.mail.MailParser;
import org.rapport.mail.MailRejectedException;
import org.rapport.mail.Mbox;
import org.rapport.mail.ParsedMail;
import org.rapport.mail.ReceiverProperties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code rapport mail …}: email tasks that need no server and no database. */
@Command(
        name = "mail",
        description = "Email tasks without a server.",
        subcommands = {MailCommand.Parse.class, MailCommand.Import.class})
class MailCommand {

    @Command(
            name = "import",
            description = "Take raw messages (.eml files or mbox files) into the help desk as if they had arrived"
                    + " by SMTP: same threading, dedupe and quarantine. Needs the database to itself when it is"
                    + " the embedded one (stop Rapport first, or use the API's import while it runs).")
    static class Import implements Callable<Integer> {

        /** An mbox larger than this is refused: split it, or import it through several runs. */
        static final long MAX_FILE_BYTES = 512L * 1024 * 1024;

        @Option(
                names = "--mailbox",
                description = "Our address the messages arrived at (decides the team); the default inbox if omitted.")
        String mailbox;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = ".eml or mbox files.")
        List<Path> files;

        @Override
        public Integer call() {
            try (var context = Rapport.startWithoutWeb("--rapport.mail.smtp-port=0")) {
                EmailIntake intake = context.getBean(EmailIntake.class);
                EmailQuarantine emails = context.getBean(EmailQuarantine.class);
                String target = mailbox != null
                        ? mailbox.strip().toLowerCase(Locale.ROOT)
                        : context.getBean(ReceiverProperties.class).defaultMailbox();
                int exit = 0;
                for (Path file : files) {
                    try {
                        if (Files.size(file) > MAX_FILE_BYTES) {
                            System.out.println(file + ": refused, larger than " + (MAX_FILE_BYTES >> 20) + " MB");
                            exit = 2;
                            continue;
                        }
                        byte[] raw = Files.readAllBytes(file);
                        List<byte[]> messages = Mbox.looksLikeMbox(raw) ? Mbox.split(raw) : List.of(raw);
                        int added = 0;
                        int duplicates = 0;
                        int quarantined = 0;
                        for (byte[] message : messages) {
                            EmailIntake.Receipt receipt = intake.receive(target, "import", message);
                            if (receipt.duplicate()) {
                                duplicates++;
                            } else if (emails.find(receipt.id())
                                    .map(e -> e.state() == InboundEmail.State.QUARANTINED)
                                    .orElse(false)) {
                                quarantined++;
                            } else {
                                added++;
                            }
                        }
                        System.out.printf(
                                "%s: %d messages, %d taken in, %d already there, %d quarantined%n",
                                file, messages.size(), added, duplicates, quarantined);
                    } catch (IOException e) {
                        System.out.println(file + ": cannot read it: " + e.getMessage());
                        exit = 2;
                    }
                }
                return exit;
            }
        }
    }

    @Command(
            name = "parse",
            description = "Print as JSON what Rapport sees in a raw message (.eml): headers, addresses, text, "
                    + "sanitised HTML, the reply without quotes, attachments, automatic/bounce/loop, limits hit. "
                    + "Exit code 2 when the message is refused.")
    static class Parse implements Callable<Integer> {

        @Parameters(paramLabel = "FILE.eml", description = "The raw message; '-' reads standard input.")
        String file;

        private static final JsonMapper JSON =
                JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

        @Override
        public Integer call() {
            return run(file, System.out);
        }

        static int run(String file, PrintStream out) {
            Map<String, Object> result = new LinkedHashMap<>();
            int exit;
            try {
                byte[] raw = file.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file));
                result = describe(new MailParser(MailLimits.defaults()).parse(raw));
                exit = 0;
            } catch (MailRejectedException e) {
                result.put("error", e.getMessage());
                result.put("limit", e.limit());
                exit = 2;
            } catch (Throwable e) { // the tool must answer about any input, whatever went wrong
                result.put(
                        "error",
                        "cannot read " + file + ": " + e.getClass().getSimpleName()
                                + (e.getMessage() == null ? "" : ": " + e.getMessage()));
                exit = 2;
            }
            out.println(JSON.writeValueAsString(result));
            out.flush();
            return exit;
        }

        static Map<String, Object> describe(ParsedMail mail) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("kind", mail.kind().name().toLowerCase(java.util.Locale.ROOT));
            json.put("kindReasons", mail.kindReasons());
            json.put("from", address(mail.from()));
            json.put("to", mail.to().stream().map(Parse::address).toList());
            json.put("cc", mail.cc().stream().map(Parse::address).toList());
            json.put("replyTo", mail.replyTo().stream().map(Parse::address).toList());
            json.put("subject", mail.subject());
            json.put("messageId", mail.messageId());
            json.put("inReplyTo", mail.inReplyTo());
            json.put("references", mail.references());
            json.put("date", mail.date() == null ? null : mail.date().toString());
            json.put("text", mail.text());
            json.put("html", mail.html());
            json.put("replyText", mail.replyText());
            json.put(
                    "attachments",
                    mail.attachments().stream()
                            .map(a -> {
                                Map<String, Object> attachment = new LinkedHashMap<>();
                                attachment.put("fileName", a.fileName());
                                attachment.put("mediaType", a.mediaType());
                                attachment.put("size", a.size());
                                attachment.put("sha256", a.sha256());
                                attachment.put("inline", a.inline());
                                attachment.put("contentId", a.contentId());
                                return attachment;
                            })
                            .toList());
            json.put("bouncedMessageId", mail.bouncedMessageId());
            json.put("bouncedRecipient", mail.bouncedRecipient());
            json.put("links", mail.linkCount());
            json.put("limitHit", null);
            json.put("headers", mail.headers());
            return json;
        }

        private static Map<String, Object> address(MailAddress address) {
            if (address == null) {
                return null;
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", address.name());
            json.put("address", address.address());
            json.put("trusted", address.trusted());
            return json;
        }
    }
}
