"""adopt, status and update speak one language: German under a German locale, English otherwise.

Run as a person runs them (a fresh process, real git repositories), through the same checker
as tests/cli/test_cli_language.py.
"""

from __future__ import annotations

import pytest

from tests.adoption_helpers import replace_once
from tests.cli.test_cli_language import problems, run_all


@pytest.mark.parametrize(("locale", "lang"), [("de_DE.UTF-8", "de"), ("en_US.UTF-8", "en")])
def test_adopting_and_a_conflicting_update_speak_one_language(upstream, tmp_path, locale, lang):
    copy = tmp_path / "copy"
    (adopted,) = run_all([["adopt", upstream.url, "--into", str(copy), "--city", "Musterstadt"]], tmp_path, locale)
    assert adopted["code"] == 0, adopted["stderr"]
    path = copy / "blueprint.yaml"
    path.write_text(
        replace_once("spatial_impact: city\n", "spatial_impact: district\n")(path.read_text("utf-8")), "utf-8"
    )
    upstream.edit("blueprint.yaml", replace_once("spatial_impact: city\n", "spatial_impact: region\n"))
    upstream.release("v2.0.0")

    status, update, take, bad = run_all(
        [
            ["status", str(copy)],
            ["update", str(copy)],
            ["update", str(copy), "--take", "upstream", "costs"],
            ["update", str(copy), "--take", "theirs", "costs"],
        ],
        tmp_path,
        locale,
    )

    assert [status["code"], update["code"], take["code"], bad["code"]] == [1, 1, 1, 2]
    if lang == "de":
        assert (
            "  spatial_impact wurde auf beiden Seiten geändert: lokal district, Ursprung region\n" in update["stderr"]
        )
        assert "warnung: " in take["stderr"].lower()
        assert "kein Konflikt betrifft costs; dafür wurde nichts übernommen" in take["stderr"]
        assert "id der Kopie: musterstadt-open-data-portal" in adopted["stderr"]
    else:
        assert "  spatial_impact changed on both sides: local district, upstream region\n" in update["stderr"]
    texts = [adopted["stderr"], status["stdout"], update["stderr"], take["stderr"], bad["stderr"]]
    assert [p for text in texts for p in problems(text, lang)] == []
