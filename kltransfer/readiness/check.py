"""Run the readiness rules over blueprints: validate first, then score each valid one."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kltransfer.findings import FileReport, Finding, Report, Severity
from kltransfer.i18n import _
from kltransfer.i18n.reasons import os_reason
from kltransfer.loading.keypath import format_key_path
from kltransfer.loading.limits import DEFAULT_LIMITS, Limits
from kltransfer.loading.yaml_loader import Document
from kltransfer.readiness.model import Advice, AreaScore, BlueprintReadiness
from kltransfer.readiness.proven import proven_missing
from kltransfer.readiness.rules import RULES, Context, Outcome, ReadinessRule
from kltransfer.readiness.scoring import AREAS, label_for
from kltransfer.schema import VERSION_KEY

if TYPE_CHECKING:
    from kltransfer.config import Config


def check_document(doc: Document, *, skip: Callable[[str], bool] | None = None) -> BlueprintReadiness:
    """Score a document that is already known to be a valid blueprint (of any format version).

    Each rule applies from its phase on; before it, it neither reports nor counts. ``skip``:
    rule codes the configuration leaves out; they neither report nor count in the score.
    """
    data = doc.data
    version = str(data.get(VERSION_KEY, ""))
    context = Context(data, version)
    phase = data.get("phase")
    outcomes: list[tuple[ReadinessRule, Outcome]] = []
    for rule in RULES:
        if (skip is not None and skip(rule.code)) or not rule.applies_at(phase):
            continue
        outcome = rule.check(context)
        if outcome.fraction is not None:
            outcome = Outcome(max(0.0, min(1.0, outcome.fraction)), outcome.issues)
        outcomes.append((rule, outcome))
    points = {area: sum(r.points for r, o in outcomes if r.area == area and o.fraction is not None) for area in AREAS}
    areas = []
    for area, (title, weight) in AREAS.items():
        parts = [(r.points, o.fraction) for r, o in outcomes if r.area == area and o.fraction is not None]
        share = sum(p * f for p, f in parts) / points[area] if points[area] else 0.0
        areas.append(AreaScore(area, _(title), weight, weight * share, applies=bool(points[area])))
    # the score is out of what the blueprint's phase asks: an area none of whose rules applies yet
    # is neither earned nor lost (a P1 idea is not "ready" because nothing was asked of it)
    asked = sum(a.weight for a in areas if a.applies)
    scale = 100 / asked if asked else 0.0
    advice = []
    for rule, outcome in outcomes:
        if not outcome.issues:
            continue
        weight = AREAS[rule.area][1]
        lost = 1.0 - outcome.fraction if outcome.fraction is not None else 0.0
        gain = weight * rule.points * lost / points[rule.area] * scale if points[rule.area] else 0.0
        for issue in outcome.issues:
            line, col = doc.locate(issue.key_path)
            finding = Finding(
                rule.code,
                issue.message,
                doc.path,
                line,
                col,
                format_key_path(issue.key_path),
                Severity.WARNING,
                issue.hint or _(rule.fix_for(version)),
            )
            advice.append(Advice(finding, rule.area, rule.workstream, rule.phase, gain / len(outcome.issues)))
    score = round(sum(a.score for a in areas if a.applies) * scale) if asked else 100
    lacking = proven_missing(data, version)
    blueprint_id = data.get("id") if isinstance(data.get("id"), str) else None
    findings = sorted((a.finding for a in advice), key=lambda f: (f.line, f.column, f.code))
    advice.sort(key=lambda a: (-round(a.gain, 6), a.finding.code, a.finding.line, a.finding.column))
    return BlueprintReadiness(
        doc.path,
        blueprint_id,
        score,
        label_for(score, lacking),
        phase if isinstance(phase, str) else None,
        version,
        areas,
        findings,
        advice,
        lacking,
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
        finding = Finding("KT901", _("cannot read the file: {reason}", reason=os_reason(exc)), shown)
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
