"""The HTTP API of the central store (docs/sync-protocol.md).

main.create_app assembles the app: its shared state (app.state), middleware, error
handlers and routers. routes/ holds one router per feature (health, auth, sync), whose
endpoints are given what they need by deps (the accounts, the feed, the sign-in gate,
the settings, the current user, the protocol version). Every error is JSON
{"error": {"code", "message"}} (errors).
"""
