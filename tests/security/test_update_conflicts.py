"""Item 11.9: ``update`` records a merge only when no file listed as conflicted holds markers any more.

Not only ``blueprint.yaml``: a file beside it (``docs/…``) merged with conflicts is listed in
``.kltransfer/pending.json``; while it still holds conflict markers, ``update`` exits 1, names
the file and its lines, and changes nothing.
"""

from __future__ import annotations

import json

import yaml

from tests.adoption_helpers import snapshot_tree

DOC = "docs/freigabe-checkliste.md"


def _origin(copy) -> dict:
    text = (copy / "blueprint.yaml").read_text("utf-8")
    return yaml.safe_load(text[text.index("\norigin:\n") :])["origin"]


def _both_changed(run, upstream, tmp_path, local: str, theirs: str):
    """An adopted copy whose document both sides extended at its end since v1.0.0 (upstream: v1.1.0)."""
    copy = tmp_path / "copy"
    assert run("adopt", upstream.url, "--into", copy, "--set", "city.state=DE-BY").exit_code == 0
    doc = copy / DOC
    doc.write_text(doc.read_text("utf-8") + local, "utf-8")
    upstream.edit(DOC, lambda text: text + theirs)
    upstream.release("v1.1.0")
    return copy, doc


def test_markers_left_in_a_document_keep_the_merge_from_being_recorded(run, upstream, tmp_path) -> None:
    copy, doc = _both_changed(
        run, upstream, tmp_path, "Musterstadt: Prüfung durch das Rechtsamt.\n", "Gera: Prüfung durch den Datenschutz.\n"
    )

    first = run("update", copy)

    assert first.exit_code == 1
    merged = doc.read_text("utf-8")
    start = merged.splitlines().index(next(line for line in merged.splitlines() if line.startswith("<<<<<<< ")))
    end = merged.splitlines().index(next(line for line in merged.splitlines() if line.startswith(">>>>>>> ")))
    where = f"{DOC} lines {start + 1}-{end + 1}"
    assert f"1 conflict with upstream v1.1.0: {where}" in first.stderr
    pending = json.loads((copy / ".kltransfer" / "pending.json").read_text("utf-8"))
    assert pending["conflicts"] == [DOC]
    assert _origin(copy)["ref"] == "v1.0.0"

    before = snapshot_tree(copy)
    second = run("update", copy)  # blueprint.yaml has no markers, the document still has
    assert second.exit_code == 1
    assert f"{copy / 'blueprint.yaml'}: unresolved conflicts from an earlier update: {where}" in second.stderr
    assert snapshot_tree(copy) == before

    kept = [line for line in merged.splitlines() if not line.startswith(("<<<<<<< ", "=======", ">>>>>>> "))]
    doc.write_text("\n".join(kept) + "\n", "utf-8")
    third = run("update", copy)
    assert third.exit_code == 0, third.stderr
    assert _origin(copy)["ref"] == "v1.1.0"
    assert not (copy / ".kltransfer" / "pending.json").exists()
    assert doc.read_text("utf-8").endswith("Gera: Prüfung durch den Datenschutz.\n")


def test_a_record_without_the_list_checks_every_file_beside_the_blueprint(run, upstream, tmp_path) -> None:
    copy, _doc = _both_changed(run, upstream, tmp_path, "Musterstadt\n", "Gera\n")
    assert run("update", copy).exit_code == 1
    pending_file = copy / ".kltransfer" / "pending.json"
    pending = json.loads(pending_file.read_text("utf-8"))
    del pending["conflicts"]  # as an earlier version of kltransfer wrote it
    pending_file.write_text(json.dumps(pending), "utf-8")

    result = run("update", copy)

    assert result.exit_code == 1
    assert f"unresolved conflicts from an earlier update: {DOC} lines" in result.stderr
    assert _origin(copy)["ref"] == "v1.0.0"
