"""The users tests seed into a central store (name → role, unit), and their one password."""

from __future__ import annotations

PASSWORD = "correct horse battery"

USERS = {
    "op1": ("operator", ""),
    "op2": ("operator", ""),
    "disp1": ("dispatcher", ""),
    "disp2": ("dispatcher", ""),
    "unit_cgj": ("unit", "cgj"),
    "unit_gaj": ("unit", "gaj"),
    "trainer1": ("trainer", ""),
    "analyst1": ("analyst", ""),
    "admin1": ("admin", ""),
}

# Units of the 镇街 (grassroots) besides the departments' users above.
TOWN_USERS = {
    "unit_shiqi": ("unit", "town_shiqi"),
    "unit_dongqu": ("unit", "town_dongqu"),
}

# The knowledge-base editor (知识库管理员).
KB_USERS = {"kbed1": ("kb_editor", "")}

ALL_USERS = {**USERS, **TOWN_USERS, **KB_USERS}
