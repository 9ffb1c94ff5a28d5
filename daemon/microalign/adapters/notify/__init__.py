"""Desktop notifications: a `Notifier` role with a D-Bus and a terminal implementation."""
