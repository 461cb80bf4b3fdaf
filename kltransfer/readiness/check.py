"""Run the readiness rules over blueprints: validate first, then score each valid one."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kltransfer.findings import FileReport, Finding, Report, Severity
from kltransfer.loading.keypath import format_key_path
from kltransfer.loading.limits import DEFAULT_LIMITS, Limits
from kltransfer.loading.yaml_loader import Document
from kltransfer.readiness.model import AreaScore, BlueprintReadiness
from kltransfer.readiness.rules import RULES, Context
from kltransfer.readiness.scoring import AREAS, label_for
from kltransfer.schema import VERSION_KEY

if TYPE_CHECKING:
    from kltransfer.config import Config


def check_document(doc: Document, *, skip: Callable[[str], bool] | None = None) -> BlueprintReadiness:
    """Score a document that is already known to be a valid blueprint (of any format version).

    ``skip``: rule codes the configuration leaves out; they neither report nor count in the score.
    """
    data = doc.data
    version = str(data.get(VERSION_KEY, ""))
    context = Context(data, version)
    earned: dict[str, list[tuple[int, float]]] = {area: [] for area in AREAS}
    findings: list[Finding] = []
    for rule in RULES:
        if skip is not None and skip(rule.code):
            continue
        outcome = rule.check(context)
        if outcome.fraction is not None:
            earned[rule.area].append((rule.points, max(0.0, min(1.0, outcome.fraction))))
        for issue in outcome.issues:
            line, col = doc.locate(issue.key_path)
            findings.append(
                Finding(
                    rule.code,
                    issue.message,
                    doc.path,
                    line,
                    col,
                    format_key_path(issue.key_path),
                    Severity.WARNING,
                    issue.hint or rule.fix,
                )
            )
    areas = []
    for area, (title, weight) in AREAS.items():
        parts = earned[area]
        total = sum(points for points, _ in parts)
        share = sum(points * fraction for points, fraction in parts) / total if total else 1.0
        areas.append(AreaScore(area, title, weight, weight * share))
    score = round(sum(a.score for a in areas))
    phase = data.get("phase") if isinstance(data.get("phase"), str) else None
    blueprint_id = data.get("id") if isinstance(data.get("id"), str) else None
    findings.sort(key=lambda f: (f.line, f.column, f.code))
    return BlueprintReadiness(
        doc.path,
        blueprint_id,
        score,
        label_for(score, phase),
        phase,
        version,
        areas,
        findings,
        {r.code: r.area for r in RULES},
    )


def check_file(
    path: str | os.PathLike[str], *, limits: Limits = DEFAULT_LIMITS, config: Config | None = None
) -> BlueprintReadiness:
    """Validate one file and, when it is valid, score it. Unreadable files come back marked as such.

    ``config``: its rule selection (``select``, ``ignore``, ``per-file-ignores``) applies to the
    validation findings and to the readiness rules alike.
    """
    from kltransfer.validation.validate import load_checked

    shown = os.fspath(path)
    try:
        doc, report = load_checked(path, limits=limits)
    except OSError as exc:
        finding = Finding("KT901", f"cannot read the file: {exc.strerror or exc}", shown)
        return BlueprintReadiness(shown, None, None, "unreadable", findings=[finding], unreadable=True)
    skip = None
    if config is not None and config.filters:
        from kltransfer.validation.filtering import RuleFilter

        rule_filter = RuleFilter(config)
        report = rule_filter.file(report)
        ignores = rule_filter.ignored_in(shown)

        def skip(code: str) -> bool:
            return not rule_filter.keeps(Finding(code, "", shown), ignores)

    if doc is None or report.errors:
        return BlueprintReadiness(
            shown,
            report.blueprint_id,
            None,
            "invalid",
            findings=[f for f in report.findings if f.severity is Severity.ERROR],
        )
    return check_document(doc, skip=skip)


@dataclass(slots=True)
class ReadinessReport:
    blueprints: list[BlueprintReadiness]
    min_score: int | None = None

    def below_min(self) -> list[BlueprintReadiness]:
        if self.min_score is None:
            return []
        return [b for b in self.blueprints if b.score is not None and b.score < self.min_score]

    @property
    def exit_code(self) -> int:
        if any(b.unreadable for b in self.blueprints):
            return 2
        if any(not b.valid for b in self.blueprints) or self.below_min():
            return 1
        return 0

    def summary(self) -> dict[str, Any]:
        scores = [b.score for b in self.blueprints if b.score is not None]
        labels: dict[str, int] = {}
        for b in self.blueprints:
            labels[b.label] = labels.get(b.label, 0) + 1
        return {
            "blueprints": len(self.blueprints),
            "invalid": sum(1 for b in self.blueprints if not b.valid),
            "average_score": round(sum(scores) / len(scores), 1) if scores else None,
            "lowest_score": min(scores) if scores else None,
            "min_score": self.min_score,
            "below_min_score": len(self.below_min()),
            "labels": labels,
            "ok": self.exit_code == 0,
        }

    def to_dict(self) -> dict[str, Any]:
        return {"blueprints": [b.to_dict() for b in self.blueprints], "summary": self.summary()}

    def findings_report(self) -> Report:
        """The findings as a plain :class:`Report`, for the reporters of ``validate`` (sarif, junit, ...)."""
        return Report([FileReport(b.path, list(b.findings), b.blueprint_id) for b in self.blueprints])


def check_paths(
    paths: Sequence[str | os.PathLike[str]],
    *,
    min_score: int | None = None,
    limits: Limits = DEFAULT_LIMITS,
    config: Config | None = None,
) -> ReadinessReport:
    """Check every blueprint found under ``paths``. Raises InputError when a path does not exist."""
    from kltransfer.validation.discovery import discover

    return ReadinessReport([check_file(f, limits=limits, config=config) for f in discover(paths)], min_score)
