"""Shared wording for every report format, in the session's language (the message catalogue).

Numbers follow the language (``2,0`` in Dutch), counts take the catalogue's plural forms, and
evidence segments tell each renderer which words to highlight.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from casusspel.messages import Messages
from casusspel.reports.model import ContestedCase, PillarResult, Report, SessionInfo, Shift
from casusspel.scoring.types import Evidence
from casusspel.session.options import Mode


class Words:
    """The report's phrases for one language."""

    def __init__(self, lang: str) -> None:
        self.msg = Messages(lang)
        self.lang = self.msg.lang
        self._fixed: dict[str, str] = {}  # phrases without values: a report asks per team
        self._counted: dict[tuple[str, int], str] = {}  # '3 punten', 'score 2': the same
        self._names: tuple[Report, dict[str, str]] | None = None

    def __call__(self, key: str, **values: object) -> str:
        if values:
            return self.msg(key, **values)
        found = self._fixed.get(key)
        if found is None:
            found = self._fixed[key] = self.msg(key)
        return found

    def pillar_names(self, report: Report) -> dict[str, str]:
        """The framework's pillar names (worked out once: a report asks for each team)."""
        if self._names is None or self._names[0] is not report:
            self._names = (report, report.framework.names)
        return self._names[1]

    def points(self, count: int) -> str:
        key = ("report.points", count)
        found = self._counted.get(key)
        if found is None:
            found = self._counted[key] = self.msg.plural("report.points", count)
        return found

    def cases(self, count: int) -> str:
        return self.msg.plural("report.cases", count)

    def number(self, value: float, digits: int = 1) -> str:
        text = f"{value:.{digits}f}"
        return text.replace(".", ",") if self.lang == "nl" else text

    def percent(self, share: float) -> str:
        """0.625 -> '63%' (halves round up, as people expect)."""
        return f"{int(share * 100 + 0.5)}%"

    def mode(self, mode: Mode) -> str:
        return self.msg(f"report.mode.{mode}")

    def status(self, status: str) -> str:
        return self.msg(f"report.status.{status}")

    def factor_list(self, ids: Sequence[str] | None, names: Mapping[str, str],
                    skipped: bool = False) -> str:
        if ids is None:
            return self.missing(skipped)
        return ", ".join(names.get(f, f) for f in ids) or self.msg("report.none")

    def missing(self, skipped: bool) -> str:
        """'overgeslagen' when the trainer skipped the team, else 'geen antwoord'."""
        return self.msg("report.skipped" if skipped else "report.no_answer")

    @staticmethod
    def letter(choice_id: str | None) -> str:
        """Choice ids as the room saw them: A, B, C, D."""
        return (choice_id or "-").upper()

    @staticmethod
    def words(evidence: Sequence[Evidence]) -> list[str]:
        """The words that counted, each once, in the order they were found."""
        return list(dict.fromkeys(e.text for e in evidence))

    def meta(self, report: Report) -> str:
        session = report.session
        return self.msg("report.meta", created=session.created.replace("T", " "),
                        mode=self.mode(session.mode),
                        played=self.msg.plural("report.played", session.cases_total,
                                               played=session.cases_played),
                        framework=report.framework.name)

    def ended_early(self, session: SessionInfo) -> str:
        return self.msg("report.ended_early", played=self.msg.plural(
            "report.played", session.cases_total, played=session.cases_played))

    def shift(self, shift: Shift, pillars: Mapping[str, str]) -> str:
        """One sentence about a change after discussion."""
        if shift.kind == "action":
            return self.msg("report.shift.action", team=shift.team,
                            after=self.letter(shift.after),
                            before=self.letter(shift.before) if shift.before
                            else self.msg("report.shift.nothing"), case=shift.title)
        if shift.kind == "override":
            pillar = pillars.get(shift.pillar or "", shift.pillar or "")
            return self.msg("report.shift.override", pillar=pillar, team=shift.team,
                            before=shift.before, after=shift.after, reason=shift.reason,
                            case=shift.title)
        return self.msg("report.shift.vote", share=self.percent(shift.size), case=shift.title)

    def contested(self, item: ContestedCase) -> str:
        parts = []
        if item.contested.factors is not None:
            parts.append(self.msg("report.contested.factors",
                                  share=self.percent(item.contested.factors)))
        if item.contested.action is not None:
            spread = item.contested.action
            parts.append(self.msg("report.contested.action", share=self.percent(spread))
                         if spread < 0.5 else self.msg("report.contested.no_majority"))
        return "; ".join(parts)

    def contested_title(self, mode: Mode) -> str:
        return self.msg("report.contested.room" if mode is Mode.PLENARY
                        else "report.contested.teams")

    def score_of(self, score: int) -> str:
        key = ("report.score_of", score)
        found = self._counted.get(key)
        if found is None:
            found = self._counted[key] = self.msg("report.score_of", score=score)
        return found

    def override_note(self, pillar: PillarResult) -> str:
        if pillar.override is None:
            return ""
        return self.msg("report.override_note", automatic=pillar.automatic,
                        reason=pillar.override.reason)


def segments(text: str, pillars: Mapping[str, PillarResult]) -> list[tuple[str, tuple[str, ...]]]:
    """The text cut at every evidence boundary: (piece, pillars whose evidence covers it)."""
    cuts = {0, len(text)}
    spans: list[tuple[int, int, str]] = []
    for pillar_id, score in pillars.items():
        for evidence in score.evidence:
            start, end = max(0, evidence.start), min(len(text), evidence.end)
            if start < end:
                spans.append((start, end, pillar_id))
                cuts.update((start, end))
    points = sorted(cuts)
    # the pillars over each piece, in the order of ``spans`` (each span marks only the pieces
    # between its own two cuts, instead of every piece testing every span)
    where = {point: n for n, point in enumerate(points)}
    over: list[list[str]] = [[] for _ in points]
    for start, end, pillar_id in spans:
        for piece in range(where[start], where[end]):
            over[piece].append(pillar_id)
    out: list[tuple[str, tuple[str, ...]]] = []
    for piece, (start, end) in enumerate(zip(points, points[1:], strict=False)):
        covering = tuple(dict.fromkeys(over[piece]))
        if out and out[-1][1] == covering:
            out[-1] = (out[-1][0] + text[start:end], covering)
        else:
            out.append((text[start:end], covering))
    return out
