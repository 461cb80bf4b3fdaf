"""The questions behind a scaffold: what each answer means, its default, and how it is checked.

A question turns a raw answer (text typed at a prompt, a ``--set`` value, a value from an
answers file) into the value the templates receive, or raises :class:`AnswerError` with a
sentence saying what is wrong. The same check runs for every source of answers.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kltransfer.i18n import _, get_language
from kltransfer.i18n import synonyms as _synonyms
from kltransfer.validation.suggest import closest

LANGS = ("de", "en")

#: The codes of the schema, in the order of the synonym table (federal states numbered 1-16).
STATES = tuple(code for code, *_names in _synonyms.STATES)
FIELDS_OF_ACTION = tuple(_synonyms.VALUES["field_of_action"])
PHASES = tuple(_synonyms.VALUES["phase"])
STATUSES = tuple(_synonyms.VALUES["status"])
TYPES = ("text", "choice", "multi", "bool", "licence", "slug", "email")

_TRUE = {"1"}
_FALSE = {"0"}
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")


class AnswerError(ValueError):
    """An answer that does not fit its question; the message says why, in plain words."""


@dataclass(frozen=True)
class Question:
    """One thing `kltransfer new` needs to know."""

    key: str
    type: str
    prompt: Mapping[str, str]
    default: Any = None
    choices: tuple[str, ...] = ()
    #: Shown as ``TODO: <hint>`` in the blueprint while the answer is missing (text questions).
    hint: Mapping[str, str] = field(default_factory=dict)
    #: Asked at the prompt; others can only be given by --set or --answers.
    ask: bool = True
    #: The synonym table (:mod:`kltransfer.i18n.synonyms`) whose names, abbreviations and
    #: numbers a choice accepts besides its codes: ``state``, ``field_of_action``, ``phase``, ``status``.
    vocabulary: str | None = None

    def text(self, lang: str) -> str:
        return self.prompt.get(lang) or self.prompt.get("en") or self.key

    def placeholder(self, lang: str) -> str:
        hint = self.hint.get(lang) or self.hint.get("en") or self.text(lang)
        return f"TODO: {hint}"

    def label(self, choice: str, lang: str) -> str:
        """How a choice is listed at the prompt: ``Rheinland-Pfalz (DE-RP)``, or the code itself."""
        if self.vocabulary is None:
            return choice
        name = _synonyms.name_of(self.vocabulary, choice, lang)
        return choice if name == choice else f"{name} ({choice})"

    def parse(self, raw: Any) -> Any:
        """The checked value of ``raw``; ``None`` for an empty answer (the default then applies)."""
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        parser = _PARSERS[self.type]
        return parser(self, raw)


def _as_text(question: Question, raw: Any) -> str:
    if isinstance(raw, bool) or not isinstance(raw, str | int | float):
        raise AnswerError(_("'{key}' needs a text, not {kind}", key=question.key, kind=type(raw).__name__))
    return str(raw).strip()


LANG_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def _text(question: Question, raw: Any) -> str | dict[str, str]:
    """A text, or (from an answers file) a mapping of language tag to text: ``{de: …, en: …}``."""
    if isinstance(raw, Mapping):
        texts = {str(k): _as_text(question, v) for k, v in raw.items()}
        bad = [k for k in texts if not LANG_TAG.match(k)]
        if bad or not texts or not all(texts.values()):
            raise AnswerError(_("'{key}' needs a text per language tag, e.g. {{de: …, en: …}}", key=question.key))
        return texts
    return _as_text(question, raw)


def in_language(value: Any, lang: str) -> str:
    """The text of ``value`` in ``lang``: a plain text itself, else the best entry of a mapping."""
    if isinstance(value, Mapping):
        return str(value.get(lang) or value.get("en") or next(iter(value.values()), ""))
    return "" if value is None else str(value)


def _choice(question: Question, raw: Any) -> str:
    """A choice by its code, its number in the list or (with a vocabulary) a German or English name."""
    value = _as_text(question, raw)
    lowered = {c.lower(): c for c in question.choices}
    if value.lower() in lowered:
        return lowered[value.lower()]
    if value.isdigit() and 1 <= int(value) <= len(question.choices):
        return question.choices[int(value) - 1]
    if question.vocabulary is not None:
        code = _synonyms.value_code(question.vocabulary, value)
        if code in question.choices:
            return code
    raise AnswerError(_not_a_choice(question, value))


def _not_a_choice(question: Question, value: str) -> str:
    names = []
    if question.vocabulary is not None:  # the names in the language asked first, then in the other
        for lang in sorted(LANGS, key=lambda lang: lang != get_language()):
            names += [_synonyms.name_of(question.vocabulary, c, lang) for c in question.choices]
    guess = closest(value, [*names, *question.choices])
    if guess is not None:
        return _(
            "'{value}' is not a choice for {key}; did you mean '{guess}'?",
            value=value,
            key=question.key,
            guess=guess,
        )
    if question.vocabulary is not None:
        return _(
            "'{value}' is not a choice for {key}; type a name, a code or a number from the list",
            value=value,
            key=question.key,
        )
    return _(
        "'{value}' is not a choice for {key}; choose one of: {choices}",
        value=value,
        key=question.key,
        choices=", ".join(question.choices),
    )


def _multi(question: Question, raw: Any) -> list[str]:
    """Several choices: a list, or a text with commas (``Umwelt, Mobilität``) or spaces (``1 3``)."""
    if isinstance(raw, str):
        parts: list[str] = []
        for piece in (p.strip() for p in re.split(r"[,;]", raw)):
            words = piece.split()
            if len(words) > 1 and not _fits(question, piece) and all(_fits(question, w) for w in words):
                parts.extend(words)  # "mobility energy", "1 3": several values without commas
            elif piece:
                parts.append(piece)
    elif isinstance(raw, list | tuple):
        parts = [_as_text(question, p) for p in raw]
    else:
        raise AnswerError(_("'{key}' needs a list or comma-separated values", key=question.key))
    values: list[str] = []
    for part in parts:
        value = _choice(question, part)
        if value not in values:
            values.append(value)
    if not values:
        raise AnswerError(
            _(
                "'{key}' needs at least one value; choose from: {choices}",
                key=question.key,
                choices=", ".join(question.choices),
            )
        )
    return values


def _fits(question: Question, text: str) -> bool:
    try:
        _choice(question, text)
    except AnswerError:
        return False
    return True


def _bool(question: Question, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    value = _as_text(question, raw)
    code = _synonyms.value_code("boolean", value)
    if code == "true" or value in _TRUE:
        return True
    if code == "false" or value in _FALSE:
        return False
    raise AnswerError(_("'{value}' is not a yes/no answer for {key}; answer yes or no", value=value, key=question.key))


def _licence(question: Question, raw: Any) -> str:
    from kltransfer.validation.spdx import check_expression

    value = _as_text(question, raw)
    problem = check_expression(value)
    if problem:
        raise AnswerError(problem)
    return value


def id_problem(value: str, example: str = "my-project") -> str | None:
    """Why ``value`` cannot be a blueprint's id, with an example of one; ``None`` when it can."""
    if _SLUG.match(value) and len(value) <= 80:
        return None
    return _(
        "'{value}' is not a valid id; use lower-case letters, digits and single hyphens (e.g. '{example}')",
        value=value,
        example=slugify(value) or example,
    )


def _slug(question: Question, raw: Any) -> str:
    value = _as_text(question, raw)
    problem = id_problem(value)
    if problem:
        raise AnswerError(problem)
    return value


def _email(question: Question, raw: Any) -> str:
    value = _as_text(question, raw)
    if not _EMAIL.match(value):
        raise AnswerError(_("'{value}' is not an e-mail address; write it as name@example.de", value=value))
    return value


_PARSERS = {
    "text": _text,
    "choice": _choice,
    "multi": _multi,
    "bool": _bool,
    "licence": _licence,
    "slug": _slug,
    "email": _email,
}


def slugify(text: str) -> str:
    """A lower-case id from free text: umlauts spelt out, other letters stripped of accents."""
    text = text.lower().replace("ß", "ss").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return slug[:80].rstrip("-")


def _q(key: str, type_: str, de: str, en: str, **extra: Any) -> Question:
    return Question(key=key, type=type_, prompt={"de": de, "en": en}, **extra)


def essential_questions() -> list[Question]:
    """The questions every kind asks first, in the order they are asked.

    Prompts and placeholders are part of the scaffold (like the templates), so they are kept
    here in both languages; messages about answers go through the message catalog.
    """
    return [
        _q(
            "title",
            "text",
            "Titel des Projekts",
            "Title of the project",
            hint={"de": "Titel des Projekts", "en": "title of the project"},
        ),
        _q("id", "slug", "Kennung des Blueprints", "Identifier of the blueprint"),
        _q(
            "summary",
            "text",
            "Kurzbeschreibung",
            "Short summary",
            hint={"de": "Kurzbeschreibung in zwei bis drei Sätzen", "en": "short summary in two or three sentences"},
        ),
        _q(
            "city.name",
            "text",
            "Stadt oder Gemeinde",
            "City or municipality",
            hint={"de": "Name der Stadt oder Gemeinde", "en": "name of the city or municipality"},
        ),
        _q(
            "city.state",
            "choice",
            "Bundesland (Name, Abkürzung, Code oder Nummer)",
            "Federal state (name, abbreviation, code or number)",
            choices=STATES,
            default="DE-RP",
            vocabulary="state",
        ),
        _q(
            "fields_of_action",
            "multi",
            "Handlungsfelder (Namen oder Nummern, mehrere mit Komma trennen)",
            "Fields of action (names or numbers, separate several with commas)",
            choices=FIELDS_OF_ACTION,
            vocabulary="field_of_action",
        ),
        _q(
            "phase",
            "choice",
            "Phase (Name, Code oder Nummer)",
            "Phase (name, code or number)",
            choices=PHASES,
            default="P1",
            vocabulary="phase",
        ),
        _q(
            "contact.role",
            "text",
            "Rolle der Ansprechperson",
            "Role of the contact person",
            default={"de": "Projektleitung", "en": "Project lead"},
        ),
        _q(
            "contact.email",
            "email",
            "E-Mail-Adresse der Ansprechperson",
            "E-mail address of the contact",
            hint={
                "de": "E-Mail-Adresse, am besten ein Funktionspostfach",
                "en": "e-mail address, preferably a shared mailbox",
            },
        ),
        _q(
            "licence", "licence", "Lizenz des Blueprints (SPDX)", "Licence of the blueprint (SPDX)", default="CC-BY-4.0"
        ),
    ]


def question_from_mapping(data: Mapping[str, Any], where: str) -> Question:
    """A question as written in a kind's ``kind.yaml``."""
    key, type_ = data.get("key"), data.get("type", "text")
    if not isinstance(key, str) or not re.fullmatch(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*", key):
        raise ValueError(_("{where}: a question needs a dotted lower-case 'key'", where=where))
    if type_ not in TYPES:
        raise ValueError(_("{where}: question '{key}' has an unknown type '{type}'", where=where, key=key, type=type_))
    prompt = data.get("prompt")
    if not isinstance(prompt, Mapping) or not all(isinstance(prompt.get(lang), str) for lang in LANGS):
        raise ValueError(_("{where}: question '{key}' needs a prompt in de and en", where=where, key=key))
    vocabulary = data.get("vocabulary")
    if vocabulary is not None and vocabulary not in _synonyms.VALUES:
        raise ValueError(
            _("{where}: question '{key}' names an unknown vocabulary '{name}'", where=where, key=key, name=vocabulary)
        )
    choices: Sequence[Any] = data.get("choices") or ()
    hint = data.get("hint") or {}
    question = Question(
        key=key,
        type=type_,
        prompt=dict(prompt),
        default=data.get("default"),
        choices=tuple(str(c) for c in choices),
        hint=dict(hint),
        vocabulary=vocabulary,
    )
    if type_ in ("choice", "multi") and not question.choices:
        raise ValueError(_("{where}: question '{key}' needs choices", where=where, key=key))
    return question


def localized_default(question: Question, lang: str) -> Any:
    default = question.default
    if isinstance(default, Mapping):
        return default.get(lang) or default.get("en")
    return default
