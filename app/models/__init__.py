"""The domain of Hotline Desk: records, enums, workflow rules, deadlines, validation.

Plain Python only: no Qt, no SQL, no HTTP. The central store uses the same rules.
"""
