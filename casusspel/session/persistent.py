"""Immutable collections that successive session states share instead of copying.

Replaying a journal makes one new state per event. Copying a whole tuple of rounds or a set of
event ids for each of them makes replay quadratic. These two grow in place when the newest
state grows them (each view remembers how many items it has; a newer view's extra items are
invisible to it), and copy only when an older state is grown again (a branch, which replay never
makes). Both compare by content, so a replayed state equals the live one.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Sequence
from itertools import islice
from typing import Generic, TypeVar, overload

T = TypeVar("T")


class Log(Sequence[T], Generic[T]):
    """An append-only tuple: ``append`` returns a new log and costs O(1) on the newest one."""

    __slots__ = ("_items", "_length")

    def __init__(self, items: list[T] | None = None, length: int | None = None) -> None:
        self._items: list[T] = items if items is not None else []
        self._length = len(self._items) if length is None else length

    def append(self, item: T) -> Log[T]:
        items = self._items
        if len(items) != self._length:  # an older view: the shared list is someone else's now
            items = items[:self._length]
        items.append(item)
        return Log(items, self._length + 1)

    def __len__(self) -> int:
        return self._length

    def last(self) -> T | None:
        """``self[-1]``, or None when the log is empty (without the index arithmetic)."""
        return self._items[self._length - 1] if self._length else None

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...

    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        if isinstance(index, slice):
            return tuple(self._items[:self._length][index])
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError("log index out of range")
        return self._items[index]

    def __iter__(self) -> Iterator[T]:
        return islice(self._items, self._length)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Log):
            return NotImplemented
        return self._length == other._length and all(
            a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Log({list(self)!r})"


K = TypeVar("K", bound=Hashable)


class IdSet(Generic[K]):
    """An immutable set of keys that only grows: ``add`` costs O(1) on the newest set."""

    __slots__ = ("_count", "_order")

    def __init__(self, order: dict[K, int] | None = None, count: int | None = None) -> None:
        self._order: dict[K, int] = order if order is not None else {}
        self._count = len(self._order) if count is None else count

    def __contains__(self, key: object) -> bool:
        count = self._count
        return self._order.get(key, count) < count  # type: ignore[arg-type]

    def add(self, key: K) -> IdSet[K]:
        order, count = self._order, self._count
        if order.get(key, count) < count:
            return self
        if len(order) != count:  # an older set: copy what it holds
            order = dict(islice(order.items(), count))
        order[key] = count
        grown: IdSet[K] = IdSet.__new__(IdSet)
        grown._order, grown._count = order, count + 1
        return grown

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[K]:
        return islice(self._order, self._count)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, IdSet):
            return NotImplemented
        return self._count == other._count and all(key in other for key in self)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"IdSet({list(self)!r})"


D = TypeVar("D")


def update(obj: D, /, **changes: object) -> D:
    """``evolve`` without the copy: ``obj`` itself with ``changes`` (for a fold that owns every
    state it makes, see ``Engine.replaying``)."""
    values = obj.__dict__
    count = len(values)
    values.update(changes)
    if len(values) != count:
        name = next(n for n in changes if n not in type(obj).__dataclass_fields__)  # type: ignore[attr-defined]
        del values[name]
        raise TypeError(f"{type(obj).__name__} has no field {name}")
    return obj


def evolve(obj: D, /, **changes: object) -> D:
    """``dataclasses.replace`` for the engine's frozen state classes (no ``__post_init__``, no
    slots): a copy of the instance's fields with ``changes``. Replace runs ``__init__`` through
    every field and costs about ten times as much, once or twice per event of a replay."""
    cls = type(obj)
    new = object.__new__(cls)
    values = new.__dict__  # filled in place: no dict is built only to be copied
    values.update(obj.__dict__)
    count = len(values)
    values.update(changes)
    if len(values) != count:  # a name that is not a field of the instance
        name = next(n for n in changes if n not in obj.__dict__)
        raise TypeError(f"{cls.__name__} has no field {name}")
    return new
