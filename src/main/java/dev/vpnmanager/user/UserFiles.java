package dev.vpnmanager.user;

import dev.vpnmanager.config.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vpnmanager.common.InvalidInputException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Export and import file formats: a JSON array of user objects, or CSV with a header row. */
public final class UserFiles {
  static final List<String> CSV_COLUMNS = List.of("username", "protocol", "server", "status", "statusReason",
      "limitBytes", "usedBytes", "expiresAt", "createdAt", "email", "note", "credentials", "resetStrategy");
  public static final ObjectMapper JSON = Json.MAPPER;

  private UserFiles() {}

  public static String toJson(List<UserRecord> users) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(users) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String toCsv(List<UserRecord> users) {
    StringBuilder b = new StringBuilder(Csv.line(CSV_COLUMNS));
    for (UserRecord u : users) {
      String creds;
      try {
        creds = u.credentials() == null ? "" : JSON.writeValueAsString(u.credentials());
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      b.append(Csv.line(List.of(u.username(), u.protocol(), nz(u.server()), u.status(), nz(u.statusReason()),
          Long.toString(u.limitBytes()), Long.toString(u.usedBytes()),
          u.expiresAt() == null ? "" : u.expiresAt().toString(),
          u.createdAt() == null ? "" : u.createdAt().toString(), nz(u.email()), nz(u.note()), creds, nz(u.resetStrategy()))));
    }
    return b.toString();
  }

  /** Reads JSON (starts with '[') or CSV (starts with the header row); anything else is refused. */
  public static List<UserRecord> parse(String text) {
    String t = text.stripLeading();
    if (t.startsWith("\uFEFF")) {
      t = t.substring(1);
    }
    if (t.startsWith("[")) {
      try {
        List<UserRecord> rows = Json.strict().forType(new TypeReference<List<UserRecord>>() {}).readValue(t);
        if (rows.contains(null)) {
          throw new InvalidInputException("not a valid user file: null entry in the JSON array");
        }
        return rows;
      } catch (JsonProcessingException e) {
        throw new InvalidInputException("not a valid JSON user file: "
            + e.getOriginalMessage().lines().findFirst().orElse("") + " (line " + e.getLocation().getLineNr() + ")");
      }
    }
    if (t.startsWith("username,")) {
      return parseCsv(t);
    }
    throw new InvalidInputException("not a user file: expected a JSON array or CSV with the header "
        + String.join(",", CSV_COLUMNS));
  }

  private static List<UserRecord> parseCsv(String text) {
    List<List<String>> rows = Csv.parse(text);
    List<String> header = rows.get(0);
    for (String h : header) {
      if (!CSV_COLUMNS.contains(h)) {
        throw new InvalidInputException("not a valid CSV user file: unknown column '" + h + "'");
      }
    }
    if (!header.contains("protocol")) {
      throw new InvalidInputException("not a valid CSV user file: no protocol column");
    }
    List<UserRecord> out = new ArrayList<>();
    for (int i = 1; i < rows.size(); i++) {
      List<String> row = rows.get(i);
      if (row.size() != header.size()) {
        throw new InvalidInputException("import refused, row " + i + ": " + row.size() + " fields, header has "
            + header.size() + "; nothing imported");
      }
      try {
        out.add(new UserRecord(null, get(header, row, "username"), get(header, row, "protocol"),
            get(header, row, "server"), get(header, row, "status"), get(header, row, "statusReason"),
            number(get(header, row, "limitBytes")), number(get(header, row, "usedBytes")),
            instant(get(header, row, "expiresAt")), instant(get(header, row, "createdAt")),
            get(header, row, "email"), get(header, row, "note"), creds(get(header, row, "credentials")),
            get(header, row, "resetStrategy")));
      } catch (InvalidInputException e) {
        throw new InvalidInputException("import refused, row " + i + ": " + e.getMessage() + "; nothing imported");
      }
    }
    return out;
  }

  private static String get(List<String> header, List<String> row, String col) {
    int i = header.indexOf(col);
    String v = i < 0 ? null : row.get(i);
    return v == null || v.isEmpty() ? null : v;
  }

  private static long number(String v) {
    if (v == null) {
      return 0;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new InvalidInputException("'" + v + "' is not a byte count");
    }
  }

  private static Instant instant(String v) {
    try {
      return v == null ? null : Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException("'" + v + "' is not an ISO-8601 instant");
    }
  }

  private static Map<String, String> creds(String v) {
    if (v == null) {
      return null;
    }
    try {
      return JSON.readValue(v, new TypeReference<Map<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("credentials are not a JSON object");
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
