"""The local SQLite cache: the only client code that writes SQL."""
