"""Both YAML parsers, as a fixture: libyaml's C parser (the default) and PyYAML's pure-Python one.

Their own error texts and some positions differ; what kltransfer reports must not.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import yaml

from kltransfer.loading import yaml_loader

LOADERS = [pytest.param(yaml.SafeLoader, id="pure-python")]
if getattr(yaml, "__with_libyaml__", False):
    LOADERS.insert(0, pytest.param(yaml.CSafeLoader, id="libyaml"))


@pytest.fixture(params=LOADERS)
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[type]:
    monkeypatch.setattr(yaml_loader, "_Loader", request.param)
    yield request.param
