package dev.vpnmanager.cli;

import dev.vpnmanager.chat.i18n.LanguagePreferences;
import dev.vpnmanager.common.InvalidInputException;
import picocli.CommandLine.Option;

/** The --lang option of the commands that draw a chart: declared once, checked before anything is read or written. */
final class ChartLanguage {
  @Option(names = "--lang", paramLabel = "CODE", description = "language of the chart's labels: en, ru, fa or zh "
      + "(default en)")
  String lang = "en";

  /** The chosen language, or one usage error naming the ones we have. */
  String require() {
    if (!LanguagePreferences.SUPPORTED.contains(lang)) {
      throw new InvalidInputException("--lang must be one of " + String.join(", ", LanguagePreferences.LANGUAGES)
          + ", not '" + lang + "'");
    }
    return lang;
  }
}
