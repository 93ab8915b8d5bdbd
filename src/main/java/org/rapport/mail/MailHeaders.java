package org.rapport.mail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.dom.address.MailboxList;
import org.apache.james.mime4j.stream.Field;
import org.rapport.shared.EmailAddress;

/** Reading a message's header fields: decoded values, addresses (and whether to trust them), Message-IDs. */
final class MailHeaders {

    private static final Pattern FOLD = Pattern.compile("\\r?\\n[ \\t]+");
    private static final Pattern ANGLE_ID = Pattern.compile("<([^<>\\s]{1,995})>");
    private static final Pattern EMAIL_IN_TEXT = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final int MAX_HEADER_VALUES_SHOWN = 50;

    private MailHeaders() {}

    static Map<String, List<String>> headers(org.apache.james.mime4j.dom.Message message) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Field field : message.getHeader().getFields()) {
            List<String> values =
                    headers.computeIfAbsent(field.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>());
            if (values.size() < MAX_HEADER_VALUES_SHOWN) {
                String body = field.getBody() == null ? "" : field.getBody();
                String unfolded =
                        body.indexOf('\n') < 0 ? body : FOLD.matcher(body).replaceAll(" ");
                values.add(DecoderUtil.decodeEncodedWords(unfolded, DecodeMonitor.SILENT)
                        .strip());
            }
        }
        return headers;
    }

    static String single(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    static MailAddress first(MailboxList list) {
        if (list == null || list.isEmpty()) {
            return null;
        }
        return address(list.get(0));
    }

    static List<MailAddress> addresses(AddressList list) {
        if (list == null) {
            return List.of();
        }
        List<MailAddress> addresses = new ArrayList<>();
        for (Mailbox mailbox : list.flatten()) {
            MailAddress address = address(mailbox);
            if (address != null) {
                addresses.add(address);
            }
        }
        return addresses;
    }

    /** Null when the address part is not a valid address (it may not be trusted, nor answered). */
    static MailAddress address(Mailbox mailbox) {
        String raw = mailbox.getAddress();
        if (raw == null || !EmailAddress.isValid(raw)) {
            return null;
        }
        String address = EmailAddress.of(raw).value();
        String name = mailbox.getName() == null ? null : mailbox.getName().strip();
        boolean trusted = true;
        if (name != null) {
            Matcher m = EMAIL_IN_TEXT.matcher(name);
            while (m.find()) {
                if (!m.group().equalsIgnoreCase(address)) {
                    trusted = false;
                }
            }
        }
        return new MailAddress(name, address, trusted);
    }

    static String id(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = ANGLE_ID.matcher(value);
        if (m.find()) {
            return m.group(1);
        }
        String bare = value.strip();
        return bare.isEmpty() || bare.length() > 995 || bare.contains(" ") ? null : bare;
    }

    static List<String> ids(String value) {
        List<String> ids = new ArrayList<>();
        Matcher m = ANGLE_ID.matcher(value);
        while (m.find() && ids.size() < 100) {
            ids.add(m.group(1));
        }
        return ids;
    }
}
