"""The readiness report for people (text) and for programs (JSON)."""

from __future__ import annotations

import json
from typing import TextIO

from kltransfer.readiness.check import ReadinessReport
from kltransfer.readiness.model import BlueprintReadiness
from kltransfer.reporters.text import format_finding

_BAR = 10


def _bar(score: float, weight: int) -> str:
    filled = round(score / weight * _BAR) if weight else _BAR
    return "#" * filled + "." * (_BAR - filled)


def _finding_line(f_path: str, line: int, column: int) -> str:
    return f"{f_path}:{line}:{column}" if line else f_path


def _blueprint_text(b: BlueprintReadiness) -> list[str]:
    name = f"{b.path} ({b.blueprint_id})" if b.blueprint_id else b.path
    if b.score is None:
        what = "cannot be read" if b.unreadable else "is not a valid blueprint; fix these errors first"
        return [f"{name}: {what}", *(f"  {format_finding(f)}" for f in b.findings)]
    lines = [name, f"  score {b.score}/100, {b.label} (phase {b.phase or '?'}, format {b.version})"]
    width = max(len(a.title) for a in b.areas)
    for area in b.areas:
        lines.append(f"  {area.title:<{width}}  {_bar(area.score, area.weight)}  {area.score:4.1f}/{area.weight}")
    if not b.findings:
        lines.append("  no findings")
    for f in b.findings:
        key = f" {f.key_path}" if f.key_path else ""
        lines.append(f"  {_finding_line(f.path, f.line, f.column)}: {f.severity} {f.code}{key}: {f.message}")
        if f.hint:
            lines.append(f"      fix: {f.hint}")
    return lines


def summary_line(report: ReadinessReport) -> str:
    s = report.summary()
    count = s["blueprints"]
    line = f"{count} blueprint{'s' if count != 1 else ''} checked"
    if s["average_score"] is not None:
        line += f": average score {s['average_score']:g}, lowest {s['lowest_score']}"
    labels = ", ".join(f"{n} {label}" for label, n in sorted(s["labels"].items()))
    line += f"; {labels}"
    if report.min_score is not None:
        line += f"; {s['below_min_score']} below --min-score {report.min_score}"
    return line


def write_text(report: ReadinessReport, stream: TextIO) -> None:
    for i, blueprint in enumerate(report.blueprints):
        if i:
            stream.write("\n")
        stream.write("\n".join(_blueprint_text(blueprint)) + "\n")
    stream.write("\n" + summary_line(report) + "\n")


def write_json(report: ReadinessReport, stream: TextIO) -> None:
    json.dump(report.to_dict(), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
