"""What an operation changed: the one notice every screen refreshes from."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Changes:
    """Each field names one kind of data; a screen refreshes when a kind it shows changed.

    `orders` lists the orders an operation wrote; `all_orders` says that many orders may
    have changed at once (a pull from the central store, demo data), so a screen showing
    orders re-reads them all."""

    orders: frozenset[str] = field(default_factory=frozenset)
    all_orders: bool = False
    held: bool = False
    kb: bool = False
    drills: bool = False
    outbox: bool = False
    session: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            orders=self.orders | other.orders,
            **{
                f.name: getattr(self, f.name) or getattr(other, f.name)
                for f in fields(self)
                if f.name != "orders"
            },
        )

    @property
    def any_order(self) -> bool:
        return self.all_orders or bool(self.orders)

    def touches(self, order_id: str) -> bool:
        return self.all_orders or order_id in self.orders


NOTHING = Changes()


@dataclass(frozen=True)
class Done(Generic[T]):
    """What an operation returns: its result for the caller, and what it changed for every
    screen (the runner sends `changes` on the window's one change signal)."""

    value: T
    changes: Changes = NOTHING


def order_changed(order_id: str) -> Changes:
    """One order took a step: it changed, and a new event waits in the outbox."""
    return Changes(orders=frozenset({order_id}), outbox=True)
