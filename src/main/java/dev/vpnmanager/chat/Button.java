package dev.vpnmanager.chat;

/** An inline button: a label and its signed callback data (at most 64 bytes). */
public record Button(String label, String data) {}
