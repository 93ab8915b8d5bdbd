package org.rapport.mail;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Text parts to strings, surviving the charset labels mail really carries. */
final class TextDecoding {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private TextDecoding() {}

    /**
     * Decodes text in its declared charset; when the bytes are not valid there, as valid UTF-8 (the
     * commonest mislabel), and only then leniently as windows-1252, which maps every byte.
     */
    static String decode(byte[] bytes, String declared) {
        Charset charset = charset(declared);
        if (charset != null) {
            String strict = strict(bytes, charset);
            boolean asciiLabel = charset == StandardCharsets.US_ASCII || charset == WINDOWS_1252;
            if (strict != null
                    && !(asciiLabel && hasHighBytes(bytes) && strict(bytes, StandardCharsets.UTF_8) != null)) {
                return strict;
            }
        }
        String utf8 = strict(bytes, StandardCharsets.UTF_8);
        return utf8 != null ? utf8 : new String(bytes, WINDOWS_1252);
    }

    private static Charset charset(String name) {
        if (name == null || name.isBlank()) {
            return StandardCharsets.US_ASCII;
        }
        try {
            Charset charset = Charset.forName(name.trim().replace("\"", ""));
            // As browsers do (WHATWG): mail labelled Latin-1 is windows-1252 in practice (€, curly quotes).
            return charset == StandardCharsets.ISO_8859_1 ? WINDOWS_1252 : charset;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String strict(byte[] bytes, Charset charset) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean hasHighBytes(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }
}
