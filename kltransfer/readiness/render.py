"""The readiness report for people (text) and for programs (JSON).

The text shows the score with its areas, what "proven" still needs, the three pieces of advice
that gain the most ("do these first"), then every piece of advice grouped by workstream
(economic, organisational, financial, technical, then those for all of them), the largest
gain first. Every word is in the reader's language; codes and key paths stay as they are.
"""

from __future__ import annotations

from typing import TextIO

from kltransfer.findings import Finding
from kltransfer.i18n import _, _n
from kltransfer.i18n.numbers import format_number
from kltransfer.readiness.check import ReadinessReport
from kltransfer.readiness.model import Advice, BlueprintReadiness
from kltransfer.readiness.proven import CONDITIONS
from kltransfer.readiness.rules.base import WORKSTREAMS
from kltransfer.readiness.scoring import LABELS, PROVEN_SCORE, WORKSTREAM_TITLES
from kltransfer.reporters.text import format_finding
from kltransfer.terminal import printable

_BAR = 10


def _bar(score: float, weight: int) -> str:
    filled = round(score / weight * _BAR) if weight else _BAR
    return "#" * filled + "." * (_BAR - filled)


def _where(f: Finding) -> str:
    return f"{f.path}:{f.line}:{f.column}" if f.line else f.path


def _line(f: Finding) -> str:
    key = f" {f.key_path}" if f.key_path else ""
    severity = _("error") if f.severity.value == "error" else _("warning")
    return f"{_where(f)}: {severity} {f.code}{key}: {f.message}"


def _gain(advice: Advice) -> str:
    return "+" + format_number(round(advice.gain, 1), decimals=1)


def _label(label: str) -> str:
    return _(LABELS.get(label, label))


def _blueprint_text(b: BlueprintReadiness) -> list[str]:
    name = f"{b.path} ({b.blueprint_id})" if b.blueprint_id else b.path
    if b.score is None:
        what = _("cannot be read") if b.unreadable else _("is not a valid blueprint; fix these errors first")
        return [f"{name}: {what}", *(f"  {format_finding(f)}" for f in b.findings)]
    lines = [
        name,
        "  "
        + _(
            "score {score}/100, {label} (phase {phase}, format {version})",
            score=b.score,
            label=_label(b.label),
            phase=b.phase or "?",
            version=b.version,
        ),
    ]
    titles = [a.title for a in b.areas]
    width = max(len(t) for t in titles)
    for area in b.areas:
        if not area.applies:
            lines.append(f"  {area.title:<{width}}  {'':{_BAR}}  " + _("not asked in this phase"))
            continue
        shown = format_number(round(area.score, 1), decimals=1)
        lines.append(f"  {area.title:<{width}}  {_bar(area.score, area.weight)}  {shown:>4}/{area.weight}")
    if b.label != "proven" and b.proven_missing and (b.score >= PROVEN_SCORE or "phase" not in b.proven_missing):
        needs = "; ".join(_(CONDITIONS[c]) for c in b.proven_missing)
        lines.append("  " + _("for 'proven' this is still missing: {conditions}", conditions=needs))
    if not b.advice:
        lines.append("  " + _("no findings"))
        return lines
    lines.append("  " + _n("do this first:", "do these {n} first:", len(b.first)))
    for i, advice in enumerate(b.first, 1):
        f = advice.finding
        lines.append(f"    {i}. {_gain(advice)}  {f.code} {f.key_path}: {f.message}")
    for workstream in WORKSTREAMS:
        group = [a for a in b.advice if a.workstream == workstream]
        if not group:
            continue
        lines.append("  " + _(WORKSTREAM_TITLES[workstream]))
        for advice in group:
            lines.append(f"    {_line(advice.finding)} ({_gain(advice)})")
            if advice.finding.hint:
                lines.append("        " + _("fix: {hint}", hint=advice.finding.hint))
    return lines


def summary_line(report: ReadinessReport) -> str:
    s = report.summary()
    count = s["blueprints"]
    labels = ", ".join(f"{n} {_label(label)}" for label, n in sorted(s["labels"].items()))
    if s["average_score"] is not None:
        line = _n(
            "{n} blueprint checked: average score {average}, lowest {lowest}; {labels}",
            "{n} blueprints checked: average score {average}, lowest {lowest}; {labels}",
            count,
            average=format_number(s["average_score"], decimals=None if float(s["average_score"]).is_integer() else 1),
            lowest=s["lowest_score"],
            labels=labels,
        )
    else:
        line = _n("{n} blueprint checked; {labels}", "{n} blueprints checked; {labels}", count, labels=labels)
    if report.min_score is not None:
        line += "; " + _("{below} below --min-score {minimum}", below=s["below_min_score"], minimum=report.min_score)
    return line


def write_text(report: ReadinessReport, stream: TextIO) -> None:
    for i, blueprint in enumerate(report.blueprints):
        if i:
            stream.write("\n")
        stream.write("\n".join(printable(line) for line in _blueprint_text(blueprint)) + "\n")
    stream.write("\n" + summary_line(report) + "\n")


def write_json(report: ReadinessReport, stream: TextIO) -> None:
    from kltransfer.jsonout import dump

    dump(report.to_dict(), stream)
    stream.write("\n")
