package org.rapport.mail;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an mbox file into raw messages: each starts at a line beginning with "From " (the envelope
 * line, which is dropped), and ">From " quoting inside messages is undone (mboxrd and mboxo alike).
 */
public final class Mbox {

    private Mbox() {}

    /** Whether these bytes are an mbox file (its first line is a "From " separator) rather than one message. */
    public static boolean looksLikeMbox(byte[] bytes) {
        return startsWith(bytes, 0, "From ");
    }

    public static List<byte[]> split(byte[] mbox) {
        List<byte[]> messages = new ArrayList<>();
        ByteArrayOutputStream current = null;
        int start = 0;
        while (start < mbox.length) {
            int end = start;
            while (end < mbox.length && mbox[end] != '\n') {
                end++;
            }
            int next = Math.min(mbox.length, end + 1);
            if (startsWith(mbox, start, "From ")) {
                if (current != null) {
                    messages.add(current.toByteArray());
                }
                current = new ByteArrayOutputStream();
            } else if (current != null) {
                int from = start;
                int quotes = 0;
                while (from + quotes < end && mbox[from + quotes] == '>') {
                    quotes++;
                }
                if (quotes > 0 && startsWith(mbox, from + quotes, "From ")) {
                    from++; // one level of ">From " quoting undone
                }
                current.write(mbox, from, next - from);
            }
            start = next;
        }
        if (current != null) {
            messages.add(current.toByteArray());
        }
        return messages;
    }

    private static boolean startsWith(byte[] bytes, int offset, String prefix) {
        if (offset + prefix.length() > bytes.length) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[offset + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
