package dev.vpnmanager.traffic;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One server's counters, kept between cycles: every name the server reported (or the snapshot held) gets a slot
 * once, and a cycle then works on arrays: the reading's value per slot, the last value committed per slot and the
 * user id the slot's name had (for the write order). A reading of 200,000 counters makes no object per counter:
 * names come as bytes and are found in an open-addressing table by their bytes.
 *
 * <p>The last values are a copy of the server's {@code traffic_snapshot} row as of its {@code generation}: the
 * collector uses them only while the row still has that generation (another instance, a rolled-back cycle or a
 * restored backup changes it) and otherwise reads the row again. Not thread-safe: the collector holds its lock.
 */
final class CounterTable implements CounterSink {
  static final long ABSENT = -1;
  /** Not a user (or not yet looked up): goes last in the write order. */
  static final long NO_ID = Long.MAX_VALUE;

  String epoch = "";
  /** The snapshot row's generation the last values are, or -1: read the row before using them. */
  long generation = -1;
  /** Lines in the server's snapshot row, and in its patches (since the row was last written whole). */
  int baseLines;
  int patchLines;
  int patchRows;

  private int size;
  private byte[][] keys = new byte[16][];
  private int[] hashes = new int[16];
  long[] last = new long[16];
  private long[] now = new long[16];
  private int[] stamp = new int[16];
  private long[] ids = new long[16];
  private int reading;
  private int[] table = new int[32]; // slot + 1, 0 = empty
  private int[] order = new int[0]; // slots by user id
  private boolean orderStale = true;

  int size() {
    return size;
  }

  /** The slot's name, made from its bytes (the table keeps only those: a String each would double them). */
  String name(int slot) {
    return new String(keys[slot], StandardCharsets.UTF_8);
  }

  /** Starts a new reading: what earlier readings reported no longer counts as reported. */
  void begin() {
    reading++;
  }

  /** True if the current reading reported this slot; its value is {@link #value}. */
  boolean reported(int slot) {
    return stamp[slot] == reading;
  }

  long value(int slot) {
    return now[slot];
  }

  long id(int slot) {
    return ids[slot];
  }

  void id(int slot, long id) {
    if (ids[slot] != id) {
      ids[slot] = id;
      orderStale = true;
    }
  }

  /** The slots in the order of their users' ids (names that are no user last). */
  int[] order() {
    if (orderStale) {
      long[] k = new long[size];
      for (int s = 0; s < size; s++) {
        k[s] = Math.min(ids[s], (1L << 39) - 1) << 24 | s;
      }
      Arrays.sort(k);
      order = new int[size];
      for (int i = 0; i < size; i++) {
        order[i] = (int) (k[i] & 0xFF_FFFF);
      }
      orderStale = false;
    }
    return order;
  }

  @Override
  public void add(String name, long bytes) {
    byte[] b = name.getBytes(StandardCharsets.UTF_8);
    add(b, 0, b.length, bytes);
  }

  @Override
  public void add(byte[] utf8, int from, int to, long bytes) {
    int slot = slot(utf8, from, to, true);
    if (slot < 0 || bytes < 0) {
      return;
    }
    if (stamp[slot] != reading) {
      stamp[slot] = reading;
      now[slot] = 0;
    }
    now[slot] += bytes;
  }

  /** The slot of a name from the snapshot (made if new); -1 for a name that cannot be kept. */
  int slotOf(String name) {
    byte[] b = name.getBytes(StandardCharsets.UTF_8);
    return slot(b, 0, b.length, true);
  }

  /** Forgets every last value (before the snapshot row is read again). */
  void clearLast() {
    Arrays.fill(last, 0, size, ABSENT);
  }

  private int slot(byte[] b, int from, int to, boolean create) {
    int h = 1;
    for (int i = from; i < to; i++) {
      h = 31 * h + b[i];
    }
    h ^= h >>> 16;
    int mask = table.length - 1;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      int t = table[i];
      if (t == 0) {
        break;
      }
      int s = t - 1;
      if (hashes[s] == h && Arrays.equals(keys[s], 0, keys[s].length, b, from, to)) {
        return s;
      }
    }
    if (!create) {
      return -1;
    }
    for (int i = from; i < to; i++) { // see keepable: a tab or a newline would break the snapshot's lines
      if (b[i] == '\t' || b[i] == '\n') {
        return -1;
      }
    }
    return insert(Arrays.copyOfRange(b, from, to), h);
  }

  private int insert(byte[] key, int h) {
    if (size == keys.length) {
      int n = size * 2;
      keys = Arrays.copyOf(keys, n);
      hashes = Arrays.copyOf(hashes, n);
      last = Arrays.copyOf(last, n);
      now = Arrays.copyOf(now, n);
      stamp = Arrays.copyOf(stamp, n);
      ids = Arrays.copyOf(ids, n);
    }
    int s = size++;
    keys[s] = key;
    hashes[s] = h;
    last[s] = ABSENT;
    stamp[s] = reading - 1;
    ids[s] = 0;
    orderStale = true;
    if (size * 2 > table.length) {
      table = new int[table.length * 2];
      for (int k = 0; k < size; k++) {
        place(k);
      }
    } else {
      place(s);
    }
    return s;
  }

  private void place(int s) {
    int mask = table.length - 1;
    int i = hashes[s] & mask;
    while (table[i] != 0) {
      i = (i + 1) & mask;
    }
    table[i] = s + 1;
  }

  /**
   * True for a name that can be kept in the snapshot's "name TAB value" lines (and so can be a user's: usernames
   * hold neither, {@code common/Names}).
   */
  static boolean keepable(String key) {
    return key.indexOf('\t') < 0 && key.indexOf('\n') < 0;
  }

  /** A snapshot row's "name TAB value" lines as a map. */
  static java.util.Map<String, Long> values(String text) {
    CounterTable t = new CounterTable();
    t.decode(text);
    return t.values();
  }

  /** The last values as a map of name to value. */
  java.util.Map<String, Long> values() {
    java.util.Map<String, Long> out = new java.util.HashMap<>(size * 2);
    for (int s = 0; s < size; s++) {
      if (last[s] != ABSENT) {
        out.put(name(s), last[s]);
      }
    }
    return out;
  }

  /**
   * Reads a snapshot row's "name TAB value" lines into the last values (after {@link #clearLast}), a later line
   * of a name over an earlier one; returns the number of lines.
   */
  int decode(String text) {
    int lines = 0;
    int at = 0;
    int end = text.length();
    while (at < end) {
      int tab = text.indexOf('\t', at);
      int nl = text.indexOf('\n', at);
      if (nl < 0) {
        nl = end;
      }
      if (tab < 0 || tab > nl) {
        throw new IllegalStateException("corrupt traffic snapshot line at " + at);
      }
      int slot = slotOf(text.substring(at, tab));
      if (slot >= 0) {
        last[slot] = Long.parseLong(text, tab + 1, nl, 10);
      }
      lines++;
      at = nl + 1;
    }
    return lines;
  }

  /** The last values of {@code slots[0..n)} as "name TAB value" lines (a patch). */
  String encode(int[] slots, int n) {
    StringBuilder out = new StringBuilder(n * 20);
    for (int i = 0; i < n; i++) {
      out.append(name(slots[i])).append('\t').append(last[slots[i]]).append('\n');
    }
    return out.toString();
  }

  /** The last values as the snapshot row's "name TAB value" lines; sets {@link #baseLines}. */
  String encode() {
    StringBuilder out = new StringBuilder(size * 20);
    int lines = 0;
    for (int s = 0; s < size; s++) {
      if (last[s] != ABSENT) {
        out.append(name(s)).append('\t').append(last[s]).append('\n');
        lines++;
      }
    }
    baseLines = lines;
    return out.toString();
  }
}
