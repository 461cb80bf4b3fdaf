"""The value classes of the validate path (kltransfer/record.py) behave like the dataclasses they replace."""

from __future__ import annotations

import copy
import pickle

import pytest

from kltransfer.config import Config
from kltransfer.findings import Edit, FileReport, Finding, Report, Severity
from kltransfer.loading.limits import DEFAULT_LIMITS, Limits
from kltransfer.loading.yaml_loader import Document
from kltransfer.shape import PartialDate


def test_fields_defaults_and_keywords() -> None:
    finding = Finding("KT101", "unknown key", line=3)
    assert (finding.code, finding.message, finding.path, finding.line, finding.column) == (
        "KT101",
        "unknown key",
        "",
        3,
        0,
    )
    assert finding.severity is Severity.ERROR and finding.hint is None and finding.edit is None
    assert Limits() == DEFAULT_LIMITS == Limits(4 * 1024 * 1024, 64, 200_000)


def test_equality_is_by_value_and_by_class() -> None:
    assert Finding("KT101", "m", line=1) == Finding("KT101", "m", line=1)
    assert Finding("KT101", "m", line=1) != Finding("KT101", "m", line=2)
    assert Edit(0, 1, "a", "b") != ("KT101",)
    assert PartialDate(2025, 6) == PartialDate(2025, 6) and PartialDate(2025) != PartialDate(2025, 6)


def test_frozen_records_are_hashable_and_cannot_change() -> None:
    finding = Finding("KT101", "m")
    assert {finding, Finding("KT101", "m")} == {finding}
    with pytest.raises(AttributeError):
        finding.line = 4  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del finding.code  # type: ignore[misc]
    assert finding.line == 0


def test_mutable_records_are_not_hashable() -> None:
    report = FileReport("a.yaml")
    with pytest.raises(TypeError):
        hash(report)
    report.findings.append(Finding("KT101", "m"))
    assert FileReport("a.yaml").findings == []  # a list of its own for every report


def test_replace_copies_with_changes_and_refuses_an_unknown_field() -> None:
    finding = Finding("KT101", "m", line=3, edit=Edit(1, 2, "x", "y"))
    changed = finding.replace(message="n")
    assert (changed.message, changed.line, changed.edit) == ("n", 3, Edit(1, 2, "x", "y"))
    assert finding.message == "m"
    with pytest.raises(TypeError):
        finding.replace(colour="red")
    assert Config(select=("KT1",)).replace(ignore=("KT2",)).select == ("KT1",)


def test_repr_names_the_fields_but_not_the_hidden_ones() -> None:
    assert repr(Edit(0, 1, "a", "b")) == "Edit(end=1, new='b', old='a', start=0)"
    document = Document("a.yaml", {"id": "x"})
    assert "_keys" not in repr(document) and "'id': 'x'" in repr(document)
    other = Document("a.yaml", {"id": "x"})
    other._keys[1] = {}
    assert document == other  # the look-up caches do not count


def test_pickle_and_copy_round_trip() -> None:
    """``validate --jobs`` sends reports between processes."""
    report = Report(
        [FileReport("a.yaml", [Finding("KT206", "sum", line=4, severity=Severity.WARNING)], "x")], strict=True
    )
    for again in (pickle.loads(pickle.dumps(report)), copy.deepcopy(report), copy.copy(report)):
        assert again == report
        assert again.files[0].findings[0].severity is Severity.WARNING
    assert pickle.loads(pickle.dumps(PartialDate(2025, 6, 30))) == PartialDate(2025, 6, 30)
