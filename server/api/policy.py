"""The policy data a pull hands out (units and the dispatch catalogue), written as JSON once
when the app is made, and the version that tells a workstation whether it has it."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PublishedPolicy:
    version: str
    units_json: str
    catalogue_json: str

    @classmethod
    def of(cls, policy_data: dict[str, Any]) -> PublishedPolicy:
        """From the 'units' and 'catalogue' of `policy_data`."""
        version = hashlib.sha256(
            json.dumps(policy_data, sort_keys=True, ensure_ascii=False).encode()
        ).hexdigest()[:16]
        return cls(
            version,
            json.dumps(policy_data.get("units", []), ensure_ascii=False),
            json.dumps(policy_data.get("catalogue", []), ensure_ascii=False),
        )
