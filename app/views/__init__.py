"""Qt widgets. No SQL, no network: views call app.store operations and app.sync."""
