package dev.vpnmanager.user;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.vpnmanager.common.InvalidInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RFC 4180 CSV through jackson-dataformat-csv. A field a spreadsheet would run as a formula (starting with =, +,
 * -, @, tab or CR) is written with a leading apostrophe, as is one that starts with an apostrophe itself, and
 * reading removes one leading apostrophe: every value round-trips.
 */
final class Csv {
  private static final String FORMULA_STARTS = "=+-@\t\r'";
  private static final CsvMapper MAPPER = new CsvMapper();
  private static final ObjectWriter WRITER = MAPPER.writerFor(String[].class)
      .with(CsvSchema.emptySchema().withLineSeparator("\r\n"));
  private static final ObjectReader READER = MAPPER.readerFor(String[].class)
      .with(CsvParser.Feature.WRAP_AS_ARRAY).with(CsvParser.Feature.SKIP_EMPTY_LINES);

  private Csv() {}

  static String neutralise(String f) {
    return !f.isEmpty() && FORMULA_STARTS.indexOf(f.charAt(0)) >= 0 ? "'" + f : f;
  }

  static String restore(String f) {
    return f.startsWith("'") ? f.substring(1) : f;
  }

  static String line(List<String> fields) {
    String[] row = fields.stream().map(f -> neutralise(f == null ? "" : f)).toArray(String[]::new);
    try {
      return WRITER.writeValueAsString(row);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a CSV line", e);
    }
  }

  static List<List<String>> parse(String text) {
    List<List<String>> rows = new ArrayList<>();
    try (MappingIterator<String[]> it = READER.readValues(text)) {
      while (it.hasNextValue()) {
        rows.add(Arrays.stream(it.nextValue()).map(Csv::restore).toList());
      }
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException("not a valid CSV file: row " + (rows.size() + 1) + ": "
          + firstLine(e.getMessage()));
    }
    return rows;
  }

  private static String firstLine(String m) {
    if (m == null) {
      return "unreadable";
    }
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
