"""The API's routers, one per feature; server.api.router gathers those under /api/v1."""
