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

from kltransfer.validation.suggest import closest

LANGS = ("de", "en")

STATES = (
    "DE-BW",
    "DE-BY",
    "DE-BE",
    "DE-BB",
    "DE-HB",
    "DE-HH",
    "DE-HE",
    "DE-MV",
    "DE-NI",
    "DE-NW",
    "DE-RP",
    "DE-SL",
    "DE-SN",
    "DE-ST",
    "DE-SH",
    "DE-TH",
)
FIELDS_OF_ACTION = (
    "urban-development",
    "mobility",
    "energy",
    "environment",
    "administration",
    "education",
    "health",
    "economy",
    "culture-tourism",
    "safety",
    "participation",
    "data-infrastructure",
    "housing",
    "social-inclusion",
)
PHASES = ("P1", "P2", "P3", "P4", "P5")
TYPES = ("text", "choice", "multi", "bool", "licence", "slug", "email")

_TRUE = {"true", "yes", "y", "ja", "j", "1"}
_FALSE = {"false", "no", "n", "nein", "0"}
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

    def text(self, lang: str) -> str:
        return self.prompt.get(lang) or self.prompt.get("en") or self.key

    def placeholder(self, lang: str) -> str:
        hint = self.hint.get(lang) or self.hint.get("en") or self.text(lang)
        return f"TODO: {hint}"

    def parse(self, raw: Any) -> Any:
        """The checked value of ``raw``; ``None`` for an empty answer (the default then applies)."""
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        parser = _PARSERS[self.type]
        return parser(self, raw)


def _as_text(question: Question, raw: Any) -> str:
    if isinstance(raw, bool) or not isinstance(raw, str | int | float):
        raise AnswerError(f"'{question.key}' needs a text, not {type(raw).__name__}")
    return str(raw).strip()


LANG_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def _text(question: Question, raw: Any) -> str | dict[str, str]:
    """A text, or (from an answers file) a mapping of language tag to text: ``{de: …, en: …}``."""
    if isinstance(raw, Mapping):
        texts = {str(k): _as_text(question, v) for k, v in raw.items()}
        bad = [k for k in texts if not LANG_TAG.match(k)]
        if bad or not texts or not all(texts.values()):
            raise AnswerError(f"'{question.key}' needs a text per language tag, e.g. {{de: …, en: …}}")
        return texts
    return _as_text(question, raw)


def in_language(value: Any, lang: str) -> str:
    """The text of ``value`` in ``lang``: a plain text itself, else the best entry of a mapping."""
    if isinstance(value, Mapping):
        return str(value.get(lang) or value.get("en") or next(iter(value.values()), ""))
    return "" if value is None else str(value)


def _choice(question: Question, raw: Any) -> str:
    value = _as_text(question, raw)
    lowered = {c.lower(): c for c in question.choices}
    if value.lower() in lowered:
        return lowered[value.lower()]
    if value.isdigit() and 1 <= int(value) <= len(question.choices):
        return question.choices[int(value) - 1]
    guess = closest(value, question.choices)
    tail = f"; did you mean '{guess}'?" if guess else f"; choose one of: {', '.join(question.choices)}"
    raise AnswerError(f"'{value}' is not a choice for {question.key}{tail}")


def _multi(question: Question, raw: Any) -> list[str]:
    if isinstance(raw, str):
        parts = [p for p in re.split(r"[,\s]+", raw) if p]
    elif isinstance(raw, list | tuple):
        parts = [_as_text(question, p) for p in raw]
    else:
        raise AnswerError(f"'{question.key}' needs a list or comma-separated values")
    values: list[str] = []
    for part in parts:
        value = _choice(question, part)
        if value not in values:
            values.append(value)
    if not values:
        raise AnswerError(f"'{question.key}' needs at least one value; choose from: {', '.join(question.choices)}")
    return values


def _bool(question: Question, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    value = _as_text(question, raw).lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise AnswerError(f"'{value}' is not a yes/no answer for {question.key}; answer yes or no (ja oder nein)")


def _licence(question: Question, raw: Any) -> str:
    from kltransfer.validation.spdx import check_expression

    value = _as_text(question, raw)
    problem = check_expression(value)
    if problem:
        raise AnswerError(problem)
    return value


def _slug(question: Question, raw: Any) -> str:
    value = _as_text(question, raw)
    if not _SLUG.match(value) or len(value) > 80:
        raise AnswerError(
            f"'{value}' is not a valid id; use lower-case letters, digits and single hyphens "
            f"(e.g. '{slugify(value) or 'my-project'}')"
        )
    return value


def _email(question: Question, raw: Any) -> str:
    value = _as_text(question, raw)
    if not _EMAIL.match(value):
        raise AnswerError(f"'{value}' is not an e-mail address; write it as name@example.de")
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
    """The questions every kind asks first, in the order they are asked."""
    return [
        _q(
            "title",
            "text",
            "Titel des Projekts",
            "Title of the project",
            hint={"de": "Titel des Projekts", "en": "title of the project"},
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
            "Bundesland (ISO 3166-2)",
            "Federal state (ISO 3166-2)",
            choices=STATES,
            default="DE-RP",
        ),
        _q(
            "fields_of_action",
            "multi",
            "Handlungsfelder (mehrere mit Komma trennen)",
            "Fields of action (separate several with commas)",
            choices=FIELDS_OF_ACTION,
        ),
        _q(
            "phase",
            "choice",
            "Phase (P1 Idee, P2 Prototyp, P3 Pilot, P4 Dauerbetrieb, P5 Transfer)",
            "Phase (P1 idea, P2 prototype, P3 pilot, P4 long-term operation, P5 transfer)",
            choices=PHASES,
            default="P1",
        ),
        _q(
            "contact.role",
            "text",
            "Rolle der Ansprechperson",
            "Role of the contact person",
            default={"de": "Projektleitung", "en": "Project lead"},
        ),
        _q(
            "licence", "licence", "Lizenz des Blueprints (SPDX)", "Licence of the blueprint (SPDX)", default="CC-BY-4.0"
        ),
        _q("id", "slug", "Kennung des Blueprints", "Identifier of the blueprint", ask=False),
        _q(
            "summary",
            "text",
            "Kurzbeschreibung",
            "Short summary",
            ask=False,
            hint={"de": "Kurzbeschreibung in zwei bis drei Sätzen", "en": "short summary in two or three sentences"},
        ),
        _q(
            "contact.email",
            "email",
            "E-Mail-Adresse der Ansprechperson",
            "E-mail address of the contact",
            ask=False,
            hint={
                "de": "E-Mail-Adresse, am besten ein Funktionspostfach",
                "en": "e-mail address, preferably a shared mailbox",
            },
        ),
    ]


def question_from_mapping(data: Mapping[str, Any], where: str) -> Question:
    """A question as written in a kind's ``kind.yaml``."""
    key, type_ = data.get("key"), data.get("type", "text")
    if not isinstance(key, str) or not re.fullmatch(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*", key):
        raise ValueError(f"{where}: a question needs a dotted lower-case 'key'")
    if type_ not in TYPES:
        raise ValueError(f"{where}: question '{key}' has an unknown type '{type_}'")
    prompt = data.get("prompt")
    if not isinstance(prompt, Mapping) or not all(isinstance(prompt.get(lang), str) for lang in LANGS):
        raise ValueError(f"{where}: question '{key}' needs a prompt in de and en")
    choices: Sequence[Any] = data.get("choices") or ()
    hint = data.get("hint") or {}
    question = Question(
        key=key,
        type=type_,
        prompt=dict(prompt),
        default=data.get("default"),
        choices=tuple(str(c) for c in choices),
        hint=dict(hint),
    )
    if type_ in ("choice", "multi") and not question.choices:
        raise ValueError(f"{where}: question '{key}' needs choices")
    return question


def localized_default(question: Question, lang: str) -> Any:
    default = question.default
    if isinstance(default, Mapping):
        return default.get(lang) or default.get("en")
    return default
