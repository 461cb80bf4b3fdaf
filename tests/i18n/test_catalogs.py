"""The message catalogs are complete: every marked text extracted, translated into German, usable."""

from __future__ import annotations

import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

from tests.i18n.scan import all_problems

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import catalogs  # noqa: E402  (scripts/catalogs.py)

#: Modules whose texts are not yet all marked for translation. Empty once the work is done;
#: a module leaves this set when its last unmarked text is marked.
PENDING: set[str] = set()


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _entries(lang: str = "de") -> list:
    return [m for m in catalogs.read(catalogs.LOCALE / lang / "LC_MESSAGES" / "kltransfer.po") if m.id]


def test_the_template_and_the_german_catalog_are_complete() -> None:
    """The .pot holds exactly what the sources mark; de.po translates all of it, nothing fuzzy."""
    found = catalogs.problems()
    assert not found, "\n".join(found[:40]) + f"\n({len(found)} problems; run 'make catalogs' and translate)"


def test_no_text_for_people_is_left_unmarked() -> None:
    problems = [p for p in all_problems() if p.path not in PENDING]
    assert not problems, "\n".join(map(str, problems))


def test_pending_modules_really_are_pending() -> None:
    """A module that has no unmarked text left must leave PENDING, so the list only shrinks."""
    still = {p.path for p in all_problems()}
    assert not (PENDING - still), f"remove from PENDING: {sorted(PENDING - still)}"


def test_translations_keep_every_placeholder() -> None:
    """A translation uses the same {names} as its English text: filling it in never fails or loses a value."""
    wrong = []
    for message in _entries():
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        # a plural form may name what only its English form names (click: "Did you mean {possibility}?" /
        # "(Did you mean one of: {possibilities}?)"), but nothing that neither names, nor lose a shared one
        wanted = set().union(*(_fields(i) for i in ids)) - {"n"}
        shared = set.intersection(*(_fields(i) for i in ids)) - {"n"}
        for text in strings:
            if text and not (shared <= (_fields(text) - {"n"}) <= wanted):
                wrong.append(f"[{message.context}] {ids[0]!r}: {text!r}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_finding_text_renders_with_sample_values(lang: str) -> None:
    """Each finding message and hint (keyed by its code) fills in with sample values in both languages."""
    from kltransfer.i18n import set_language, tr
    from kltransfer.rules import RULES

    set_language(lang)
    try:
        seen: set[str] = set()
        for message in _entries():
            if not message.context or not re.fullmatch(r"KT\d{3}", message.context):
                continue
            assert message.context in RULES, f"{message.context} is not a code in kltransfer/rules.py"
            sample = {name: f"<{name}>" for name in _fields(message.id)}
            text = tr(message.context, message.id, **sample)
            assert all(v in text for v in sample.values()), (lang, message.id, text)
            if lang == "de":
                assert text == message.string.format(**sample)
            seen.add(message.context)
        emitted = {code for code in RULES if code < "KT900"}
        if not PENDING:
            assert emitted <= seen, f"finding codes without a message in the catalog: {sorted(emitted - seen)}"
    finally:
        set_language("en")


def test_compiled_catalog_is_current(tmp_path: Path) -> None:
    """What `make` compiled equals what the .po says (a stale .mo would show old German)."""
    fresh = catalogs.compile_catalogs(tmp_path)
    for mo in fresh:
        installed = catalogs.PACKAGE / mo.relative_to(tmp_path)
        assert installed.read_bytes() == mo.read_bytes(), (
            f"{installed} is stale: run 'make' or scripts/catalogs.py compile"
        )


def test_the_check_script_fails_on_a_missing_translation(tmp_path: Path) -> None:
    """scripts/catalogs.py check is what CI relies on: it must fail when an entry is untranslated."""
    po = catalogs.LOCALE / "de" / "LC_MESSAGES" / "kltransfer.po"
    text = po.read_text(encoding="utf-8")
    broken = text.replace('msgid "error"\nmsgstr "Fehler"', 'msgid "error"\nmsgstr ""', 1)
    assert broken != text
    copy = tmp_path / "kltransfer"
    subprocess.run(["cp", "-r", str(catalogs.PACKAGE), str(copy)], check=True)
    (copy / "locale" / "de" / "LC_MESSAGES" / "kltransfer.po").write_text(broken, encoding="utf-8")
    (tmp_path / "scripts").mkdir()
    subprocess.run(["cp", str(ROOT / "scripts" / "catalogs.py"), str(tmp_path / "scripts")], check=True)
    done = subprocess.run(
        [sys.executable, str(tmp_path / "scripts" / "catalogs.py"), "check"], capture_output=True, text=True
    )
    assert done.returncode == 1
    assert "untranslated: [] 'error'" in done.stdout
