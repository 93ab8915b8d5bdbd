package org.rapport.ticket;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.rapport.shared.ConflictException;
import org.rapport.shared.InvalidValueException;
import org.rapport.shared.NotFoundException;
import org.rapport.shared.Texts;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Defines custom ticket fields and checks values against their definitions. */
@Service
@Transactional
public class CustomFields {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,49}");
    private static final int MAX_TEXT = 2_000;

    private final JdbcClient jdbc;

    CustomFields(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public CustomField define(String key, String label, CustomFieldType type, List<String> choices) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new InvalidValueException(
                    "key", "a field key is 1–50 lower-case letters, digits or '_', starting with a letter");
        }
        if (type == null) {
            throw new InvalidValueException("type", "type must be one of text, number, date, choice");
        }
        String name = Texts.line("label", label, 100, true);
        String[] options = choices(type, choices);
        try {
            long id = jdbc.sql("INSERT INTO ticket_field (key, label, type, choices) VALUES (?, ?, ?, ?) RETURNING id")
                    .params(key, name, type.name(), options)
                    .query(Long.class)
                    .single();
            return find(id).orElseThrow();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("a field with key '" + key + "' already exists");
        }
    }

    public CustomField update(long id, String label, List<String> choices, Boolean active) {
        CustomField field = find(id).orElseThrow(() -> new NotFoundException("Custom field", id));
        if (label != null) {
            jdbc.sql("UPDATE ticket_field SET label = ? WHERE id = ?")
                    .params(Texts.line("label", label, 100, true), id)
                    .update();
        }
        if (choices != null) {
            jdbc.sql("UPDATE ticket_field SET choices = ? WHERE id = ?")
                    .params(choices(field.type(), choices), id)
                    .update();
        }
        if (active != null) {
            jdbc.sql("UPDATE ticket_field SET active = ? WHERE id = ?")
                    .params(active, id)
                    .update();
        }
        return find(id).orElseThrow();
    }

    @Transactional(readOnly = true)
    public List<CustomField> all() {
        return jdbc.sql("SELECT id, key, label, type, choices, active FROM ticket_field ORDER BY id")
                .query(this::row)
                .list();
    }

    @Transactional(readOnly = true)
    public Optional<CustomField> find(long id) {
        return jdbc.sql("SELECT id, key, label, type, choices, active FROM ticket_field WHERE id = ?")
                .param(id)
                .query(this::row)
                .optional();
    }

    /**
     * The values in their stored form, checked against the active definitions. A null value means
     * "remove this field".
     */
    Map<String, Object> check(Map<String, Object> values) {
        Map<String, CustomField> fields = new LinkedHashMap<>();
        for (CustomField field : all()) {
            if (field.active()) {
                fields.put(field.key(), field);
            }
        }
        Map<String, Object> checked = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            CustomField field = fields.get(key);
            if (field == null) {
                throw new InvalidValueException(
                        "customFields." + key, "there is no active custom field '" + Texts.abbreviate(key, 50) + "'");
            }
            checked.put(key, value == null ? null : convert(field, value));
        });
        return checked;
    }

    private static Object convert(CustomField field, Object value) {
        String path = "customFields." + field.key();
        return switch (field.type()) {
            case TEXT -> {
                if (!(value instanceof String text)) {
                    throw new InvalidValueException(path, field.label() + " takes text");
                }
                yield Texts.block(path, text, MAX_TEXT);
            }
            case NUMBER -> {
                if (value instanceof Number number) {
                    if (number instanceof Double d && (d.isInfinite() || d.isNaN())) {
                        throw new InvalidValueException(path, field.label() + " takes a finite number");
                    }
                    try {
                        BigDecimal decimal = new BigDecimal(number.toString());
                        if (decimal.abs().compareTo(BigDecimal.TEN.pow(30)) > 0 || decimal.scale() > 10) {
                            throw new InvalidValueException(
                                    path, field.label() + " takes a number below 10^30 with at most 10 decimals");
                        }
                        yield decimal;
                    } catch (NumberFormatException e) {
                        throw new InvalidValueException(path, field.label() + " takes a finite number");
                    }
                }
                throw new InvalidValueException(path, field.label() + " takes a number");
            }
            case DATE -> {
                try {
                    yield LocalDate.parse((String) value).toString();
                } catch (ClassCastException | DateTimeParseException e) {
                    throw new InvalidValueException(path, field.label() + " takes a date as YYYY-MM-DD");
                }
            }
            case CHOICE -> {
                if (value instanceof String choice && field.choices().contains(choice)) {
                    yield choice;
                }
                throw new InvalidValueException(
                        path, field.label() + " takes one of " + String.join(", ", field.choices()));
            }
        };
    }

    private static String[] choices(CustomFieldType type, List<String> choices) {
        if (type != CustomFieldType.CHOICE) {
            if (choices != null && !choices.isEmpty()) {
                throw new InvalidValueException("choices", "only choice fields have choices");
            }
            return new String[0];
        }
        if (choices == null || choices.isEmpty() || choices.size() > 200) {
            throw new InvalidValueException("choices", "a choice field needs 1–200 choices");
        }
        return choices.stream()
                .map(c -> Texts.line("choices", c, 100, true))
                .distinct()
                .toArray(String[]::new);
    }

    private CustomField row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new CustomField(
                rs.getLong("id"),
                rs.getString("key"),
                rs.getString("label"),
                CustomFieldType.valueOf(rs.getString("type")),
                Arrays.asList((String[]) rs.getArray("choices").getArray()),
                rs.getBoolean("active"));
    }
}
