"""The test corpus under tests/corpus: cases and what each must produce (see its README)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

CORPUS = Path(__file__).resolve().parent / "corpus"


@dataclass(frozen=True)
class ExpectedFinding:
    code: str
    line: int
    column: int
    key_path: str
    severity: str
    message: str = ""
    #: The hint in English, and message and hint in German, where the case states them.
    hint: str | None = None
    message_de: str | None = None
    hint_de: str | None = None

    def key(self) -> tuple[str, int, int, str, str]:
        return (self.code, self.line, self.column, self.key_path, self.severity)


@dataclass(frozen=True)
class Case:
    name: str
    folder: Path
    description: str
    exit_code: int
    findings: tuple[ExpectedFinding, ...]
    args: tuple[str, ...] = ()
    strict_exit_code: int | None = None
    check_jsonschema: bool = True

    @property
    def blueprint(self) -> Path:
        return self.folder / "blueprint.yaml"

    @property
    def fixed(self) -> Path:
        """What ``kltransfer fix`` makes of the blueprint, where the case states it (``fixed.yaml``)."""
        return self.folder / "fixed.yaml"


def _load(folder: Path) -> Case:
    spec = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))
    findings = tuple(
        ExpectedFinding(
            f["code"],
            f["line"],
            f["column"],
            f["key_path"],
            f["severity"],
            f.get("message", ""),
            f.get("hint"),
            (f.get("de") or {}).get("message"),
            (f.get("de") or {}).get("hint"),
        )
        for f in spec.get("findings") or []
    )
    return Case(
        name=folder.name,
        folder=folder,
        description=spec["description"],
        exit_code=spec["exit_code"],
        findings=findings,
        args=tuple(spec.get("args") or ()),
        strict_exit_code=spec.get("strict_exit_code"),
        check_jsonschema=spec.get("check_jsonschema", True),
    )


def cases(kind: str) -> list[Case]:
    """All cases of ``kind`` ("invalid" or "valid"), sorted by name."""
    return [_load(folder) for folder in sorted((CORPUS / kind).iterdir()) if (folder / "expected.yaml").is_file()]


INVALID = cases("invalid")
VALID = cases("valid")
