package dev.vpnmanager.chat;

import java.util.ArrayList;
import java.util.List;

/** Rows of inline buttons under a message. Consoles and Matrix show them as numbered choices. */
public record Keyboard(List<List<Button>> rows) {
  public Keyboard {
    rows = rows.stream().filter(r -> !r.isEmpty()).map(List::copyOf).toList();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** All buttons in reading order (the numbering consoles use). */
  public List<Button> buttons() {
    return rows.stream().flatMap(List::stream).toList();
  }

  /** Collects buttons row by row. */
  public static final class Builder {
    private final List<List<Button>> rows = new ArrayList<>();
    private List<Button> current = new ArrayList<>();

    public Builder add(String label, String data) {
      current.add(new Button(label, data));
      return this;
    }

    public Builder row() {
      if (!current.isEmpty()) {
        rows.add(current);
        current = new ArrayList<>();
      }
      return this;
    }

    public Keyboard build() {
      row();
      return new Keyboard(rows);
    }
  }
}
