package org.rapport.mail;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * uuencoded files: old mail clients (Outlook Express, some scanners and scripts) put them in a plain text
 * body between {@code begin 644 name} and {@code end}, or send a part with the {@code x-uuencode} transfer
 * encoding. The files become attachments and the text keeps what a person wrote. A block that does not
 * decode cleanly is left in the text as it is.
 */
final class Uuencode {

    record File(String name, byte[] content) {}

    record Split(String text, List<File> files) {}

    private static final Pattern BEGIN = Pattern.compile("(?m)^begin [0-7]{3,4} ([^\\r\\n]{1,255})\\r?$");
    private static final Pattern END = Pattern.compile("(?m)^end\\r?$");

    private Uuencode() {}

    static boolean isTransferEncoding(String encoding) {
        if (encoding == null) {
            return false;
        }
        String e = encoding.trim().toLowerCase(java.util.Locale.ROOT);
        return e.equals("x-uuencode") || e.equals("uuencode") || e.equals("x-uue");
    }

    static Split extract(String text) {
        if (text == null || !text.contains("begin ")) {
            return new Split(text, List.of());
        }
        List<File> files = new ArrayList<>();
        StringBuilder rest = new StringBuilder();
        int from = 0;
        Matcher begin = BEGIN.matcher(text);
        while (begin.find(from)) {
            Matcher end = END.matcher(text);
            if (!end.find(begin.end())) {
                break;
            }
            byte[] content = decode(text.substring(begin.end(), end.start()));
            if (content == null) {
                rest.append(text, from, end.end());
            } else {
                rest.append(text, from, begin.start());
                files.add(new File(name(begin.group(1)), content));
            }
            from = end.end();
        }
        rest.append(text.substring(from));
        return new Split(files.isEmpty() ? text : rest.toString().strip(), files);
    }

    /** The lines between begin and end; null when they are not uuencoded data. */
    static byte[] decode(String lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : lines.split("\\r?\\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int length = (line.charAt(0) - 32) & 63;
            if (length == 0) {
                continue; // the "`" line before end
            }
            int written = 0;
            for (int i = 1; written < length; i += 4) {
                int[] c = new int[4];
                for (int k = 0; k < 4; k++) {
                    char ch = i + k < line.length() ? line.charAt(i + k) : '`';
                    if (ch < 32 || ch > 96) {
                        return null;
                    }
                    c[k] = (ch - 32) & 63;
                }
                int[] bytes = {(c[0] << 2) | (c[1] >> 4), ((c[1] & 15) << 4) | (c[2] >> 2), ((c[2] & 3) << 6) | c[3]};
                for (int b = 0; b < 3 && written < length; b++, written++) {
                    out.write(bytes[b] & 0xFF);
                }
            }
        }
        return out.size() == 0 ? null : out.toByteArray();
    }

    /** Only the last path segment, so a name cannot point anywhere. */
    private static String name(String raw) {
        String name = raw.strip();
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = slash >= 0 ? name.substring(slash + 1) : name;
        return name.isBlank() || name.equals(".") || name.equals("..") ? "attachment.bin" : name;
    }
}
