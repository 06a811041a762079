package dev.vpnmanager.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SizesTest {
  @ParameterizedTest
  @CsvSource({"0,0", "500MB,500000000", "50GB,50000000000", "1TB,1000000000000", "1GiB,1073741824",
      "10MiB,10485760", "1.5GB,1500000000", "123,123", "2 KB,2000", "7b,7", "3tib,3298534883328"})
  void parsesSizes(String text, long bytes) {
    assertEquals(bytes, Sizes.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"-5GB", "12XB", "1e309", "", " ", "GB", "5 G B", "1.0000001B", "99999999999999TB",
      "NaN", "0x10MB", "1,5GB"})
  void rejectsBadSizes(String text) {
    assertThrows(InvalidInputException.class, () -> Sizes.parse(text));
  }

  @ParameterizedTest
  @CsvSource({"999,999 B", "1000,1.00 KB", "1500000000,1.50 GB"})
  void formats(long bytes, String text) {
    assertEquals(text, Sizes.format(bytes));
  }
}
