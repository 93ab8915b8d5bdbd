package org.rapport;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rapport.mail.MailAddress;
import org.rapport.mail.MailLimits;
import org.rapport.mail.MailParser;
import org.rapport.mail.MailRejectedException;
import org.rapport.mail.ParsedMail;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code rapport mail …}: email tasks that need no server and no database. */
@Command(name = "mail", description = "Email tasks without a server.", subcommands = MailCommand.Parse.class)
class MailCommand {

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
