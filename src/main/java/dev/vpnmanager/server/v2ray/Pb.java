package dev.vpnmanager.server.v2ray;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A protobuf message written field by field (no generated classes): only the wire types the API uses. */
final class Pb {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

  static Pb message() {
    return new Pb();
  }

  Pb string(int field, String value) {
    return value == null || value.isEmpty() ? this : write(() -> out.writeString(field, value));
  }

  Pb bytes(int field, byte[] value) {
    return write(() -> out.writeByteArray(field, value));
  }

  Pb uint(int field, long value) {
    return value == 0 ? this : write(() -> out.writeUInt64(field, value));
  }

  Pb bool(int field, boolean value) {
    return value ? write(() -> out.writeBool(field, true)) : this;
  }

  /** A nested message (also an entry of a repeated field or a map). */
  Pb message(int field, Pb nested) {
    return bytes(field, nested.toBytes());
  }

  /** {@code TypedMessage{type = 1, value = 2}}: how the API carries any config or operation. */
  static Pb typed(String type, Pb value) {
    return message().string(1, type).bytes(2, value.toBytes());
  }

  byte[] toBytes() {
    write(out::flush);
    return bytes.toByteArray();
  }

  private Pb write(IoAction a) {
    try {
      a.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  private interface IoAction {
    void run() throws IOException;
  }

  /** Walks the fields of an encoded message, calling back for each length-delimited or varint field. */
  static void read(byte[] message, FieldVisitor visitor) {
    try {
      CodedInputStream in = CodedInputStream.newInstance(message);
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        int field = tag >>> 3;
        switch (tag & 7) {
          case 0 -> visitor.varint(field, in.readInt64());
          case 2 -> visitor.bytes(field, in.readBytes());
          default -> in.skipField(tag);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("malformed protobuf answer", e);
    }
  }

  interface FieldVisitor {
    default void varint(int field, long value) {}

    default void bytes(int field, ByteString value) {}
  }
}
