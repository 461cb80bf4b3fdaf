"""What people write for a code or a key, per language: ``Rheinland-Pfalz`` for ``DE-RP``,
``Pilot`` for ``P3``, ``Förderung`` for ``funding``.

One table serves both the prompts of ``kltransfer new`` (which accept these words) and the
findings of ``kltransfer validate`` (which name the code or key meant). Lookups ignore case,
spaces, hyphens and full stops at the ends; ``ä`` and ``ae`` count alike.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

#: The federal states in the order of the official list (numbered 1-16 in prompts).
STATES: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    # code, German name, English name, other spellings people use
    ("DE-BW", "Baden-Württemberg", "Baden-Württemberg", ("BW", "BaWü", "Baden-Wuerttemberg")),
    ("DE-BY", "Bayern", "Bavaria", ("BY", "Freistaat Bayern")),
    ("DE-BE", "Berlin", "Berlin", ("BE",)),
    ("DE-BB", "Brandenburg", "Brandenburg", ("BB",)),
    ("DE-HB", "Bremen", "Bremen", ("HB", "Freie Hansestadt Bremen")),
    ("DE-HH", "Hamburg", "Hamburg", ("HH", "Freie und Hansestadt Hamburg")),
    ("DE-HE", "Hessen", "Hesse", ("HE",)),
    ("DE-MV", "Mecklenburg-Vorpommern", "Mecklenburg-Western Pomerania", ("MV", "Meck-Pomm")),
    ("DE-NI", "Niedersachsen", "Lower Saxony", ("NI", "NDS")),
    ("DE-NW", "Nordrhein-Westfalen", "North Rhine-Westphalia", ("NW", "NRW")),
    ("DE-RP", "Rheinland-Pfalz", "Rhineland-Palatinate", ("RP", "RLP")),
    ("DE-SL", "Saarland", "Saarland", ("SL",)),
    ("DE-SN", "Sachsen", "Saxony", ("SN", "Freistaat Sachsen")),
    ("DE-ST", "Sachsen-Anhalt", "Saxony-Anhalt", ("ST", "LSA")),
    ("DE-SH", "Schleswig-Holstein", "Schleswig-Holstein", ("SH",)),
    ("DE-TH", "Thüringen", "Thuringia", ("TH", "Freistaat Thüringen")),
)

#: vocabulary -> code -> language -> words for it; the first word of a language is its name there.
VALUES: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {
    "state": {code: {"de": (de, *other), "en": (en,)} for code, de, en, other in STATES},
    "field_of_action": {
        "urban-development": {
            "de": ("Stadtentwicklung", "Stadtplanung"),
            "en": ("urban development", "urban planning"),
        },
        "mobility": {"de": ("Mobilität", "Verkehr"), "en": ("mobility", "transport")},
        "energy": {"de": ("Energie",), "en": ("energy",)},
        "environment": {"de": ("Umwelt", "Umwelt und Klima", "Klima", "Klimaschutz"), "en": ("environment", "climate")},
        "administration": {
            "de": ("Verwaltung", "Verwaltungsdigitalisierung"),
            "en": ("administration", "e-government"),
        },
        "education": {"de": ("Bildung", "Schule"), "en": ("education",)},
        "health": {"de": ("Gesundheit", "Pflege"), "en": ("health", "care")},
        "economy": {"de": ("Wirtschaft", "Handel"), "en": ("economy", "business")},
        "culture-tourism": {
            "de": ("Kultur und Tourismus", "Kultur", "Tourismus"),
            "en": ("culture and tourism", "culture", "tourism"),
        },
        "safety": {"de": ("Sicherheit", "Katastrophenschutz"), "en": ("safety", "security")},
        "participation": {"de": ("Beteiligung", "Bürgerbeteiligung", "Partizipation"), "en": ("participation",)},
        "data-infrastructure": {
            "de": ("Dateninfrastruktur", "Daten", "Datenplattform"),
            "en": ("data infrastructure", "data"),
        },
        "housing": {"de": ("Wohnen",), "en": ("housing",)},
        "social-inclusion": {
            "de": ("Soziale Teilhabe", "Teilhabe", "Inklusion"),
            "en": ("social inclusion", "inclusion"),
        },
    },
    "phase": {
        "P1": {"de": ("Idee", "Ideenphase", "Konzept"), "en": ("idea", "concept")},
        "P2": {"de": ("Prototyp", "Prototyping"), "en": ("prototype",)},
        "P3": {"de": ("Pilot", "Pilotphase", "Pilotprojekt", "Erprobung"), "en": ("pilot",)},
        "P4": {"de": ("Dauerbetrieb", "Regelbetrieb", "Verstetigung"), "en": ("long-term operation", "operation")},
        "P5": {"de": ("Transfer", "Skalierung", "Übertragung"), "en": ("transfer", "scaling")},
    },
    "status": {
        "planned": {"de": ("geplant", "in Planung", "Planung"), "en": ("planned",)},
        "in-progress": {"de": ("in Umsetzung", "in Arbeit", "laufend", "Umsetzung"), "en": ("in progress", "ongoing")},
        "operating": {"de": ("im Betrieb", "in Betrieb", "Betrieb"), "en": ("operating", "in operation", "live")},
        "completed": {"de": ("abgeschlossen", "beendet", "fertig"), "en": ("completed", "finished", "done")},
        "paused": {"de": ("pausiert", "ruht"), "en": ("paused", "on hold")},
        "discontinued": {"de": ("eingestellt", "aufgegeben"), "en": ("discontinued", "stopped")},
    },
    "spatial_impact": {
        "neighbourhood": {"de": ("Quartier", "Nachbarschaft", "Kiez"), "en": ("neighbourhood", "neighborhood")},
        "district": {"de": ("Stadtteil", "Stadtbezirk", "Ortsteil"), "en": ("district",)},
        "city": {"de": ("Gesamtstadt", "Stadt"), "en": ("city", "whole city")},
        "region": {"de": ("Region", "Landkreis", "Kreis"), "en": ("region",)},
    },
    "boolean": {
        "true": {"de": ("ja", "wahr", "j", "richtig", "zutreffend", "an"), "en": ("yes", "y", "on")},
        "false": {"de": ("nein", "falsch", "unzutreffend", "aus"), "en": ("no", "n", "off")},
    },
}

#: German (and English) words people use for a key of the format -> the key. A word may name
#: keys at several places (``Summe`` is ``total`` wherever that key exists).
KEYS: dict[str, tuple[str, ...]] = {
    "funding": ("Förderung", "Finanzierung", "Fördermittel", "Zuschüsse"),
    "costs": ("Kosten", "Ausgaben", "Budget", "cost"),
    "population": ("Einwohnerzahl", "Einwohner", "Bevölkerung", "Einwohnerinnen und Einwohner"),
    "licence": ("Lizenz", "Lizens", "license", "Lizenzierung"),
    "partners": ("Partner", "Partnerinnen", "Projektpartner", "partner"),
    "title": ("Titel", "Projekttitel", "Name des Projekts"),
    "summary": ("Zusammenfassung", "Kurzbeschreibung", "Kurzfassung", "Abstract"),
    "description": ("Beschreibung", "Projektbeschreibung"),
    "city": ("Stadt", "Kommune", "Gemeinde"),
    "state": ("Bundesland", "Land"),
    "fields_of_action": ("Handlungsfelder", "Handlungsfeld", "Themen", "fields of action"),
    "phase": ("Projektphase",),
    "status": ("Stand", "Projektstatus"),
    "timeline": ("Zeitplan", "Zeitraum", "Laufzeit"),
    "start": ("Beginn", "Start", "Projektbeginn", "Anfang"),
    "end": ("Ende", "Projektende"),
    "milestones": ("Meilensteine", "Meilenstein"),
    "contacts": ("Kontakte", "Kontakt", "Ansprechpartner", "Ansprechpersonen", "contact"),
    "goals": ("Ziele", "Ziel", "goal"),
    "kpis": ("Kennzahlen", "Kennzahl", "KPI", "Indikatoren"),
    "participation": ("Beteiligung", "Bürgerbeteiligung", "Partizipation"),
    "privacy": ("Datenschutz",),
    "components": ("Komponenten", "Bausteine", "Software", "Technik"),
    "data": ("Daten", "Datensätze", "Datenquellen"),
    "standards": ("Standards", "Normen", "offene Standards"),
    "operator_model": ("Betreibermodell", "Betrieb", "Betreiber"),
    "transfer": ("Nachnutzung", "Übertragbarkeit", "Transfer"),
    "lessons_learned": ("Erfahrungen", "Lernerfahrungen", "Lessons Learned", "lessons"),
    "documents": ("Dokumente", "Unterlagen", "Anhänge"),
    "keywords": ("Schlagwörter", "Schlagworte", "Stichwörter", "Tags"),
    "investment": ("Investition", "Investitionen", "Investitionskosten"),
    "operation_per_year": ("Betriebskosten", "laufende Kosten", "jährliche Kosten"),
    "own_share": ("Eigenanteil", "Eigenmittel"),
    "amount": ("Betrag", "Summe"),
    "total": ("Gesamt", "Gesamtsumme", "Summe"),
    "name": ("Name", "Bezeichnung"),
    "role": ("Rolle", "Funktion"),
    "email": ("E-Mail", "e-mail"),
    "url": ("Webseite", "Website", "Link", "Adresse", "Internetadresse"),
    "area": ("Fläche",),
    "version": ("Fassung",),
}


_SEPARATORS = re.compile(r"[\s_\-–/]+")


def fold(text: str) -> str:
    """A word as lookups compare it: case, accents written as ``ae``, spaces and punctuation aside."""
    if text.isascii():  # most words: NFKC and casefold change nothing that lower() does not
        text = text.lower().strip().strip(".:;")
    else:
        text = unicodedata.normalize("NFKC", text).casefold().strip().strip(".:;")
        text = text.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    return _SEPARATORS.sub(" ", text).strip()


def _index(table: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    index: dict[str, str] = {}
    for code, words in table.items():
        for word in (code, *words):
            index.setdefault(fold(word), code)
    return index


_VALUE_INDEX = {
    name: _index({code: (*names["de"], *names["en"]) for code, names in table.items()})
    for name, table in VALUES.items()
}
_KEY_INDEX: dict[str, tuple[str, ...]] = {}
for _key, _words in KEYS.items():
    for _word in (_key, *_words):
        _KEY_INDEX[fold(_word)] = (*_KEY_INDEX.get(fold(_word), ()), _key)


def value_code(vocabulary: str, text: str) -> str | None:
    """The code that ``text`` names in ``vocabulary`` (``state``, ``phase``, …), or ``None``.

    A federal state may also be given by its number in :data:`STATES` (``11``), and a phase
    as ``Phase 3`` or ``3``.
    """
    folded = fold(text)
    found = _VALUE_INDEX[vocabulary].get(folded)
    if found:
        return found
    if vocabulary == "state" and folded.isdigit() and 1 <= int(folded) <= len(STATES):
        return STATES[int(folded) - 1][0]
    if vocabulary == "phase":
        match = re.fullmatch(r"(?:phase )?p?([1-5])", folded)
        if match:
            return f"P{match.group(1)}"
    return None


def key_for(word: str, allowed: Mapping[str, object] | tuple[str, ...] | list[str] | None = None) -> str | None:
    """The key of the format that ``word`` (a German or English word) stands for, if one of ``allowed``."""
    keys = _KEY_INDEX.get(fold(word), ())
    return next((key for key in keys if allowed is None or key in allowed), None)


def name_of(vocabulary: str, code: str, lang: str) -> str:
    """The name of ``code`` in ``lang`` (the first German or English word of its entry)."""
    names = VALUES[vocabulary].get(code)
    return names["de" if lang == "de" else "en"][0] if names else code
