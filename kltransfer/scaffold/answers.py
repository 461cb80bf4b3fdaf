"""Answers for a scaffold: from an answers file, from ``--set KEY=VALUE``, from prompts.

Keys are dotted (``city.name``); an answers file may write them dotted or nested. Every
value goes through its question's check, whatever its source. The answers actually used are
written to ``.kltransfer-answers.yaml`` so that ``kltransfer new --answers`` can repeat a run.
"""

from __future__ import annotations

import stat
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from kltransfer.errors import ConfigError, UsageError
from kltransfer.i18n import N_, _, translations
from kltransfer.i18n.reasons import os_reason
from kltransfer.scaffold.questions import LANG_TAG, AnswerError, Question, localized_default
from kltransfer.validation.suggest import closest

ANSWERS_FILE = ".kltransfer-answers.yaml"
#: Keys of an answers file that are options of the run, not answers to questions.
RUN_KEYS = ("kind", "lang")
MAX_ANSWERS_BYTES = 256 * 1024
_ANSWERS_HINT = N_("give a UTF-8 YAML file written by an earlier `kltransfer new`")

#: Asks one question and returns the raw answer (``None`` for "keep the default").
Ask = Callable[[Question, Any], Any]


def _unknown_key(key: str, known: Iterable[str], source: str) -> UsageError:
    keys = list(known)
    guess = closest(key, keys)
    return UsageError(
        _("unknown answer key '{key}' in {source}; did you mean '{guess}'?", key=key, source=source, guess=guess)
        if guess
        else _("unknown answer key '{key}' in {source}", key=key, source=source),
        hint=_("known keys: {keys}", keys=", ".join(keys)),
    )


def parse_set_options(items: Iterable[str]) -> dict[str, str]:
    """``["a.b=c", ...]`` as ``{"a.b": "c"}``; a usage error for items without ``=``."""
    result: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UsageError(
                _("--set needs KEY=VALUE, got '{item}'", item=item),
                hint=_("for example --set city.name=Kaiserslautern"),
            )
        result[key.strip()] = value
    return result


def _flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def load_answers_file(path: Path) -> dict[str, Any]:
    """The answers in a YAML file (safe loader), flattened to dotted keys."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO would block, a folder cannot be read
            raise ConfigError(_("the answers file {path} is not a regular file", path=path), hint=_(_ANSWERS_HINT))
        if info.st_size > MAX_ANSWERS_BYTES:
            raise ConfigError(
                _("the answers file {path} is larger than {size} KiB", path=path, size=MAX_ANSWERS_BYTES // 1024)
            )
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            _("cannot read the answers file {path}: {reason}", path=path, reason=os_reason(exc)), hint=_(_ANSWERS_HINT)
        ) from exc
    try:
        data = yaml.safe_load(text)
    except (yaml.YAMLError, ValueError, RecursionError) as exc:  # ValueError: an integer too long to read
        raise ConfigError(_("the answers file {path} is not valid YAML: {reason}", path=path, reason=exc)) from exc
    if data is None:
        return {}
    if not isinstance(data, dict) or not all(isinstance(k, str) for k in data):
        raise ConfigError(
            _("the answers file {path} must be a mapping of keys to answers", path=path),
            hint=_("for example:  title: Digitale Bürgerbeteiligung"),
        )
    return _flatten(data)


def _regroup_languages(given: Mapping[str, Any], known: Mapping[str, Question]) -> dict[str, Any]:
    """``title.de`` and ``title.en`` (a nested text in an answers file) back into ``title: {de, en}``."""
    result: dict[str, Any] = {}
    for key, value in given.items():
        prefix, _dot, leaf = key.rpartition(".")
        question = known.get(prefix)
        if key not in known and question is not None and question.type == "text" and LANG_TAG.match(leaf):
            texts = result.get(prefix)
            result[prefix] = {**(texts if isinstance(texts, dict) else {}), leaf: value}
        else:
            result[key] = value
    return result


def resolve(
    questions: list[Question],
    lang: str,
    *,
    given: Mapping[str, Any],
    sources: Mapping[str, str],
    ask: Ask | None = None,
) -> dict[str, Any]:
    """The checked answer to every question.

    ``given`` holds raw answers by key (answers file, then ``--set``, later ones winning),
    ``sources`` names where each came from for messages. Questions without an answer are
    asked through ``ask`` when it is given and the question is meant to be asked; else they
    keep their default, or ``None`` (the templates then write a ``TODO`` placeholder).
    """
    known = {q.key: q for q in questions}
    given = _regroup_languages(given, known)
    for key in given:
        if key not in known:
            raise _unknown_key(key, known, sources.get(key) or _("the answers"))
    answers: dict[str, Any] = {}
    for question in questions:
        default = localized_default(question, lang)
        if question.key in given:
            try:
                value = question.parse(given[question.key])
            except AnswerError as exc:
                source = sources.get(question.key) or _("the answers")
                raise UsageError(
                    _("--set {key}: {problem}", key=question.key, problem=exc)
                    if source == "--set"
                    else _("{key} in {source}: {problem}", key=question.key, source=source, problem=exc)
                ) from exc
        elif ask is not None and question.ask:
            value = ask(question, default)
        else:
            value = None
        answers[question.key] = default if value is None else value
    return answers


def in_scaffold_language(lang: str, msgid: str, /, **params: Any) -> str:
    """``msgid`` (marked with ``N_``) in the language of the scaffold, whatever the messages speak."""
    text = translations(lang).gettext(msgid)
    return text.format_map(params) if params else text


def recorded(answers: Mapping[str, Any], kind: str, lang: str) -> str:
    """The text of ``.kltransfer-answers.yaml``: the run's options and every answer given."""
    data: dict[str, Any] = {"kind": kind, "lang": lang}
    data.update({k: v for k, v in answers.items() if v is not None})
    head = in_scaffold_language(lang, N_("Answers of `kltransfer new`; repeat the run with"))
    command = in_scaffold_language(lang, N_("kltransfer new OTHER-DIR --answers {file}"), file=ANSWERS_FILE)
    return f"# {head}\n#   {command}\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1 << 30)
