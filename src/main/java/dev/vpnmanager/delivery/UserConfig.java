package dev.vpnmanager.delivery;

/**
 * Everything a user needs to connect, as sent to a chat: the link (or WireGuard .conf text), a file to
 * import, and a PNG QR code of exactly the link.
 */
public record UserConfig(String username, String protocol, String link, String fileName, byte[] file, byte[] qrPng) {}
