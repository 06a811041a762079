package dev.vpnmanager.cli;

import dev.vpnmanager.delivery.UserConfig;
import dev.vpnmanager.storage.DataDir;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** users config NAME [--format link|conf|qr|json] [--out FILE]: qr is a PNG of exactly what link prints. */
@Command(name = "config", mixinStandardHelpOptions = true,
    description = "A user's client config: link, conf file, QR code (PNG) or JSON.")
public final class UsersConfigCommand implements Runnable {
  enum Format { link, conf, qr, json, sub }

  @ParentCommand UsersCli parent;
  @Parameters(paramLabel = "NAME") String name;
  @Option(names = "--format", description = "link, conf, qr (PNG), json or sub (the subscription URL)") Format format = Format.link;
  @Option(names = "--out", paramLabel = "FILE", description = "write here (mode 0600) instead of stdout")
  Path outFile;

  @Override
  public void run() {
    if (format == Format.sub) {
      String url = parent.root.app().subscriptionTokens().urlFor(name);
      if (!parent.root.app().subscriptionTokens().published()) {
        parent.root.err.println("note: http.public-url (VPN_HTTP_PUBLIC_URL) is not set, so this URL only works "
            + "on this machine");
      }
      byte[] bytes = text(url + "\n");
      if (outFile == null) {
        parent.root.out.write(bytes, 0, bytes.length);
        parent.root.out.flush();
      } else {
        DataDir.writeSecret(outFile.toAbsolutePath(), bytes);
        parent.root.err.println("wrote the subscription URL of " + name + " to " + outFile);
      }
      return;
    }
    UserConfig c = parent.root.app().configDelivery().configFor(name);
    byte[] bytes = switch (format) {
      case link -> text(c.link().endsWith("\n") ? c.link() : c.link() + "\n");
      case conf -> c.file();
      case qr -> c.qrPng();
      case json -> text(Output.json(json(c)) + "\n");
      case sub -> throw new IllegalStateException("handled above");
    };
    if (outFile == null) {
      parent.root.out.write(bytes, 0, bytes.length);
      parent.root.out.flush();
    } else {
      DataDir.writeSecret(outFile.toAbsolutePath(), bytes);
      parent.root.err.println("wrote " + format + " config of " + c.username() + " to " + outFile);
    }
  }

  private static Map<String, Object> json(UserConfig c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("username", c.username());
    m.put("protocol", c.protocol());
    m.put("link", c.link());
    m.put("fileName", c.fileName());
    m.put("file", new String(c.file(), StandardCharsets.UTF_8));
    return m;
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
