package org.rapport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code rapport mail parse}: JSON for every input, exit code 2 with a JSON error for refused ones. */
class MailCommandTests {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void printsWhatThePipelineSees() throws Exception {
        Path file = Path.of(getClass().getResource("/mail/attachments.eml").toURI());
        Result result = parse(file.toString());

        assertThat(result.exit()).isZero();
        assertThat(result.json().get("kind").asString()).isEqualTo("personal");
        assertThat(result.json().get("from").get("address").asString()).isEqualTo("chloe@example.com");
        assertThat(result.json().get("attachments").get(1).get("fileName").asString())
                .isEqualTo("Rechnung März.pdf");
        assertThat(result.json().get("attachments").get(1).get("sha256").asString())
                .hasSize(64);
        assertThat(result.json().get("attachments").get(1).has("content")).isFalse();
        assertThat(result.json().get("limitHit").isNull()).isTrue();
    }

    @Test
    void refusedMessageIsAJsonErrorWithTheLimitAndExitCode2(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("garbage.eml");
        Files.write(file, new byte[] {0, 1, 2, (byte) 0xff});

        Result result = parse(file.toString());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.json().get("limit").asString()).isEqualTo("malformed");
        assertThat(result.json().get("error").asString()).isNotBlank();
    }

    @Test
    void missingFileIsAJsonErrorToo(@TempDir Path dir) {
        Result result = parse(dir.resolve("nope.eml").toString());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.json().get("error").asString()).contains("NoSuchFile");
    }

    @Test
    void neverCrashesOnRandomBytesOrMangledCorpusMessages(@TempDir Path dir) throws Exception {
        Random random = new Random(42);
        byte[] base = Files.readAllBytes(
                Path.of(getClass().getResource("/mail/gmail-reply.eml").toURI()));
        for (int i = 0; i < 200; i++) {
            byte[] bytes = i % 2 == 0 ? new byte[random.nextInt(2000)] : base.clone();
            if (i % 2 == 0) {
                random.nextBytes(bytes);
            } else {
                for (int flips = 0; flips < 20; flips++) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
            }
            Path file = dir.resolve("m" + i + ".eml");
            Files.write(file, bytes);

            Result result = parse(file.toString());

            assertThat(result.exit()).as("input %d", i).isIn(0, 2);
            assertThat(result.json()).as("input %d", i).isNotNull();
        }
    }

    private record Result(int exit, JsonNode json) {}

    private Result parse(String file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = MailCommand.Parse.run(file, new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Result(exit, json.readTree(out.toString(StandardCharsets.UTF_8)));
    }
}
