"""The package's own sentinel types, and the generated ``Unset``'s ``repr``."""

from __future__ import annotations

from typing import Final, Literal

from .types import Unset


class NotGiven:
    """The default of an option left to the client (``timeout=NOT_GIVEN``), where ``None`` means "none at all".

    ``repr(NOT_GIVEN)`` is ``NOT_GIVEN``, as in retell-sdk.
    """

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()


def _unset_repr(_: Unset) -> str:
    return "UNSET"


# The generated Unset has object's repr, so an optional field the server left out prints as
# `<retell_client.types.Unset object at 0x...>`; a repr is the one thing Python can give a class after the fact.
Unset.__repr__ = _unset_repr  # type: ignore[method-assign,assignment]
