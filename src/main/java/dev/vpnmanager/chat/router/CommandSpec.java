package dev.vpnmanager.chat.router;

/** A command as users see it: name (without slash), the least role, usage and a one-line description key. */
public record CommandSpec(String name, Role role, String usage, String description) {}
