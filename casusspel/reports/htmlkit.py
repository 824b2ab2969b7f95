"""One small way to write HTML for every report (session, training day, evaluation).

``h("p", "text", cls="muted")`` escapes every string it is given; only ``Safe`` fragments (made by
``h`` itself or from our own constants) pass unescaped, so user text can never become markup.
``page`` wraps a body in the shared self-contained document: inline CSS, no scripts, fits a
360 px phone and prints on A4 with headings kept with what follows them.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from casusspel.content.literal import clean

_VOID = {"br", "meta", "hr", "img", "line", "rect", "circle"}


class Safe(str):
    """A fragment of HTML that is already escaped (or ours)."""


def esc(text: object) -> Safe:
    """User text as HTML text: ``clean`` (as on every screen: control characters visible, bidi
    overrides and zero-width characters removed), then escaped."""
    return Safe(html.escape(clean(str(text)), quote=True))


def _render(child: object) -> str:
    if child is None:
        return ""
    if isinstance(child, Safe):
        return child
    if isinstance(child, (str, int, float)):
        return esc(child)
    if isinstance(child, Iterable):
        return "".join(_render(c) for c in child)
    raise TypeError(f"cannot render {type(child).__name__} as HTML")


def h(tag: str, *children: object, cls: str | None = None, **attrs: object) -> Safe:
    """An element; ``cls`` becomes ``class``, ``data_x`` becomes ``data-x``, None drops it."""
    pairs = [("class", cls)] + [(k.rstrip("_").replace("_", "-"), v) for k, v in attrs.items()]
    attributes = "".join(f' {name}="{esc(value)}"' for name, value in pairs if value is not None)
    if tag in _VOID and not children:
        return Safe(f"<{tag}{attributes}>" if tag in ("br", "meta", "hr", "img")
                    else f"<{tag}{attributes}/>")
    return Safe(f"<{tag}{attributes}>{_render(children)}</{tag}>")


def join(parts: Iterable[object], separator: str = "") -> Safe:
    return Safe(esc(separator).join(_render(p) for p in parts))


# Print-friendly versions of the terminal colour names a framework may give its pillars.
PALETTE = {
    "magenta": ("#a2307f", "#f6d9ee"), "green": ("#2e7d32", "#d8efd9"),
    "yellow": ("#8a5a00", "#fbeac4"), "cyan": ("#00798c", "#d2eef2"),
    "blue": ("#1f5fbf", "#d9e5f8"), "red": ("#b3261e", "#f8d9d6"),
    "white": ("#555555", "#eeeeee"), "black": ("#222222", "#dddddd"),
}
NEUTRAL = ("#555555", "#e6e6e6")


def colours(name: str) -> tuple[str, str]:
    """(strong, light) CSS colours for a pillar colour name such as 'bright_magenta'."""
    base = name.lower().removeprefix("bright_").removeprefix("dark_")
    return PALETTE.get(base, NEUTRAL)


CSS = """
@page { size: A4; margin: 16mm 14mm; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { font-family: "Segoe UI", "Helvetica Neue", Arial, sans-serif; color: #1d1d1d;
       max-width: 48rem; margin: 1.5rem auto; padding: 0 1rem; line-height: 1.45;
       overflow-wrap: anywhere; }
h1 { font-size: 1.5rem; margin-bottom: .2rem; }
h2 { font-size: 1.2rem; border-bottom: 2px solid #ddd; padding-bottom: .2rem;
     margin-top: 2rem; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .3rem; break-after: avoid; page-break-after: avoid; }
.keep { break-inside: avoid; page-break-inside: avoid; }
.meta { color: #555; margin-top: 0; }
.notice { background: #fff4ce; border-left: 4px solid #8a5a00; padding: .5rem .8rem; }
.card { border: 1px solid #ddd; border-radius: 6px; padding: .4rem .9rem .6rem;
        margin: .8rem 0; break-inside: avoid; page-break-inside: avoid; }
.card h3 { margin-top: .3rem; display: flex; justify-content: space-between; gap: 1rem;
           flex-wrap: wrap; }
.card h3 .total { font-weight: 600; color: #333; }
dl { display: grid; grid-template-columns: minmax(6rem, 8.5rem) 1fr; gap: .15rem .8rem;
     margin: .3rem 0; }
dt { font-weight: 600; }
dd { margin: 0; }
.feedback { color: #444; font-style: italic; }
blockquote { margin: .4rem 0; padding: .4rem .8rem; background: #fafafa;
             border-left: 3px solid #bbb; white-space: pre-wrap; }
mark { padding: 0 .1em; border-radius: 2px; color: inherit; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: .4rem 0; }
th, td { text-align: left; padding: .15rem .6rem .15rem 0; vertical-align: top; }
td.nowrap, th.nowrap { white-space: nowrap; }
th { font-size: .9rem; color: #444; }
.flag { border-left: 4px solid #b3261e; background: #fbeeed; padding: .3rem .7rem;
        margin: .4rem 0; }
.legend span { display: inline-block; margin-right: 1rem; }
.swatch { display: inline-block; width: .8rem; height: .8rem; border-radius: 2px;
          vertical-align: -.05rem; margin-right: .3rem; }
.muted { color: #555; }
svg.chart { width: 100%; height: auto; display: block; }
footer { margin-top: 2rem; color: #555; font-size: .85rem; }
@media (max-width: 30rem) {
  body { padding: 0 .6rem; margin: 1rem auto; }
  dl { grid-template-columns: 1fr; }
  dt { margin-top: .3rem; }
}
@media print { body { margin: 0; max-width: none; } a { color: inherit; }
               .card, blockquote, .flag { break-inside: avoid; } }
"""


def page(title: str, body: Iterable[object], *, lang: str) -> str:
    """A whole self-contained document."""
    return ("<!DOCTYPE html>\n"
            + h("html",
                h("head", Safe('<meta charset="utf-8">'),
                  Safe('<meta name="viewport" content="width=device-width, initial-scale=1">'),
                  h("title", title), h("style", Safe(CSS))),
                h("body", Safe("\n"), join(body, "\n"), Safe("\n")),
                lang=lang)
            + "\n")


@dataclass(frozen=True)
class Series:
    """One bar per series in each group of a grouped bar chart."""

    name: str
    colour: str


def bar_chart(title: str, groups: Sequence[tuple[str, Sequence[float | None]]],
              series: Sequence[Series], *, maximum: float, ticks: Sequence[float],
              bold_last: bool = False,
              number: Callable[[float], str] = "{:.1f}".format) -> Safe:
    """Grouped horizontal bars as inline SVG that scales with the page (viewBox, no fixed width).

    ``groups`` is (label, one value per series); values are clipped to ``maximum``; a missing
    value (None) gets no bar, only a dash.
    """
    bar_h, gap, label_w, chart_w, right = 14, 10, 112, 220, 40
    group_h = max(1, len(series)) * bar_h + gap
    width, height = label_w + chart_w + right, len(groups) * group_h + 24
    parts: list[object] = [h("title", title)]
    low = min(ticks, default=0.0)
    span = (maximum - low) or 1.0

    def x_of(value: float) -> float:
        return label_w + chart_w * (min(max(value, low), maximum) - low) / span

    for tick in ticks:
        x = f"{x_of(tick):.0f}"
        parts.append(h("line", x1=x, y1="0", x2=x, y2=str(height - 18), stroke="#ddd"))
        parts.append(h("text", f"{tick:g}", x=x, y=str(height - 4), text_anchor="middle",
                       fill="#555"))
    for index, (label, values) in enumerate(groups):
        top = index * group_h
        weight = "bold" if bold_last and index == len(groups) - 1 else "normal"
        shown = label if len(label) <= 16 else label[:15] + "…"
        parts.append(h("text", shown, x="0", y=f"{top + len(series) * bar_h / 2 + 4:.0f}",
                       font_weight=weight))
        for s_index, (item, value) in enumerate(zip(series, values, strict=False)):
            y = top + s_index * bar_h
            if value is None:
                parts.append(h("text", "–", x=str(label_w + 4), y=str(y + bar_h - 3),
                               fill="#555"))
                continue
            end = x_of(value)
            parts.append(h("rect", h("title", f"{item.name}: {number(value)}"),
                           x=str(label_w), y=str(y + 1), width=f"{end - label_w:.1f}",
                           height=str(bar_h - 3), fill=item.colour))
            parts.append(h("text", number(value), x=f"{end + 4:.1f}",
                           y=str(y + bar_h - 3), fill="#333"))
    return h("svg", *parts, xmlns="http://www.w3.org/2000/svg", role="img", cls="chart",
             viewBox=f"0 0 {width} {height}", preserveAspectRatio="xMinYMin meet",
             style=f"max-width:{round(width * 1.5)}px", font_family="Arial, sans-serif",
             font_size="12")


def legend(items: Sequence[tuple[str, str]]) -> Safe:
    """Colour swatches with names: (name, colour name)."""
    spans = []
    for name, colour in items:
        strong, light = colours(colour)
        spans.append(h("span", h("i", cls="swatch",
                                  style=f"background:{light};border:1px solid {strong}"), name))
    return h("p", *spans, cls="legend")
