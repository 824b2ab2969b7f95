"""A case by what a trainer types: its code, or its title as the room saw it.

Codes are what commands take (``score --case``, ``preview``, ``play --cases``), but a trainer
remembers the title on the projector ("Geen post, geen hulp"), not the code
(``angst-voor-de-brievenbus``). So a reference that is no code is compared with the titles: a
title typed in any case, with or without accents and punctuation, or as a code would be written
(``geen-post-geen-hulp``), finds its case when only one case has that title. Anything else gets
the closest codes (by code and by title) and the command that lists them all.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence

from casusspel.content.model import Case
from casusspel.errors import UsageError
from casusspel.messages import Messages

#: how alike (0-1) a reference and a code or title must be for the case to be suggested
CLOSE = 0.6
PART = 0.9  # likeness of a code or title that holds the reference as whole words
NEAR = 0.1  # how much less alike than the best a suggestion may be
MOST = 3  # suggestions


def slug(text: str) -> str:
    """``text`` as a code would be written: lower case, no accents, words joined by '-'."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in plain if not unicodedata.combining(char))
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def matching(reference: str, cases: Sequence[Case]) -> list[Case]:
    """The case with code ``reference``; else the cases whose code or title is ``reference``
    when both are written as codes (several when titles are the same)."""
    exact = [case for case in cases if case.id == reference]
    if exact:
        return exact[:1]
    wanted = slug(reference)
    if not wanted:
        return []
    by_code = [case for case in cases if case.id == wanted]
    return by_code or sorted((case for case in cases if slug(case.title) == wanted),
                             key=lambda case: case.id)


def closest(reference: str, cases: Sequence[Case]) -> list[Case]:
    """Up to three cases whose code or title looks most like ``reference`` (or holds it as
    whole words: 'brievenbus' is part of 'angst-voor-de-brievenbus'), best first (equally
    alike: by code): the best and those nearly as alike."""
    wanted = slug(reference)

    def likeness(case: Case) -> float:
        return max(PART if f"-{wanted}-" in f"-{other}-" else
                   difflib.SequenceMatcher(None, wanted, other).ratio()
                   for other in (case.id, slug(case.title)))

    ranked = sorted(((likeness(case), case.id, case) for case in cases),
                    key=lambda item: (-item[0], item[1]))
    best = ranked[0][0] if ranked else 0.0
    return [case for score, _, case in ranked[:MOST] if score >= max(CLOSE, best - NEAR)]


def find(reference: str, cases: Sequence[Case], listing: str = "casusspel list") -> Case:
    """The case ``reference`` means, or a UsageError that suggests codes and says how to list
    them (``listing``: the command that shows these cases)."""
    found = matching(reference, cases)
    if len(found) == 1:
        return found[0]
    msg = Messages()
    if found:  # one title, several cases
        raise UsageError(msg("lookup.same_title", reference=reference,
                             cases=named(found, msg), listing=listing))
    close = closest(reference, cases)
    hint = msg("lookup.did_you_mean", cases=named(close, msg)) if close else ""
    raise UsageError(msg("lookup.unknown", reference=reference, hint=hint, listing=listing))


def named(cases: Sequence[Case], msg: Messages) -> str:
    """Cases as a sentence names them: "'code' (Titel)", "'a' (A) of 'b' (B)"."""
    said = [f"'{case.id}' ({case.title})" for case in cases]
    return said[0] if len(said) == 1 else ", ".join(said[:-1]) + msg("list.or") + said[-1]
