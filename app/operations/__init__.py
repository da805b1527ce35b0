"""Every user action as an operation: it runs off the GUI thread where it can take time,
owns its database connection, and ends with one `Changes` notice saying what it changed.

Views call operations; operations call the store and the domain; nothing here imports Qt.
"""
