"""Reading a data set: its YAML files, each record with the file and line it stands on, and the
checks of its fields, so that every problem names file, line and field (``docs/datasets.md``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from difflib import get_close_matches
from pathlib import Path

import yaml
from django.utils.translation import gettext as _

# Sections a record list: files may each add records. Sections a mapping: one file says them.
LIST_SECTIONS = (
    "organisations",
    "doelgroepen",
    "themas",
    "indicators",
    "periods",
    "users",
    "uitvragen",
    "validatieregels",
    "streefwaarden",
    "aanleveringen",
    "programmas",
    "versions",
    "kosten_per_eenheid",
    "beleidskaders",
    "reports",
)
MAPPING_SECTIONS = ("set", "submissions", "budgets", "report_texts")


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    field: str | None
    message: str

    def __str__(self):
        where = [self.file]
        if self.line:
            where.append(_("regel %(line)s") % {"line": self.line})
        if self.field:
            where.append(_("veld '%(field)s'") % {"field": self.field})
        return f"{', '.join(where)}: {self.message}"


class DatasetError(Exception):
    """One or more problems in a data set; nothing of it is loaded."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class Record(dict):
    """A YAML mapping that knows where it stands: ``file``, ``line`` and the line of each key."""

    file = ""
    line: int | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines: dict[str, int] = {}

    def line_of(self, key: str) -> int | None:
        return self.lines.get(key, self.line)

    def problem(self, key: str | None, message: str) -> Problem:
        return Problem(self.file, self.line_of(key) if key else self.line, key, message)

    def error(self, key: str | None, message: str) -> DatasetError:
        return DatasetError([self.problem(key, message)])


# libyaml's parser when installed (the demo set reads several times faster), else PyYAML's own.
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    pass


def _mapping(loader: _Loader, node: yaml.MappingNode) -> Record:
    loader.flatten_mapping(node)
    record = Record()
    record.file = loader.file_name
    record.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in record:
            raise yaml.constructor.ConstructorError(
                None, None, _("dubbele sleutel '%(key)s'") % {"key": key}, key_node.start_mark
            )
        record[key] = loader.construct_object(value_node, deep=True)
        record.lines[key] = key_node.start_mark.line + 1
    return record


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def _load(file: Path):
    loader = _Loader(file.read_text(encoding="utf-8"))
    loader.file_name = file.name
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def files_of(path: Path) -> list[Path]:
    if path.is_dir():
        found = sorted([*path.glob("*.yaml"), *path.glob("*.yml")])
        if not found:
            raise DatasetError(
                [Problem(str(path), None, None, _("geen .yaml-bestanden in deze map"))]
            )
        return found
    if not path.exists():
        raise DatasetError([Problem(str(path), None, None, _("bestand of map bestaat niet"))])
    return [path]


def read(path: Path) -> dict[str, list | Record]:
    """Every section of the data set at ``path`` (a directory of YAML files, or one file)."""
    sections: dict[str, list | Record] = {}
    problems = []
    for file in files_of(Path(path)):
        try:
            content = _load(file)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            message = _("geen geldige YAML: %(problem)s") % {"problem": exc.problem or exc}
            problems.append(Problem(file.name, mark.line + 1 if mark else None, None, message))
            continue
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(file.name, None, None, str(exc)))
            continue
        if content is None:
            continue
        if not isinstance(content, Record):
            problems.append(Problem(file.name, 1, None, _("verwacht onderdelen (sleutel: …)")))
            continue
        for name, value in content.items():
            problems += _add_section(sections, content, name, value)
    if problems:
        raise DatasetError(problems)
    return sections


def _add_section(sections, content: Record, name, value) -> list[Problem]:
    if name in LIST_SECTIONS:
        if not isinstance(value, list) or not all(isinstance(v, Record) for v in value):
            return [content.problem(name, _("verwacht een lijst van records (- veld: …)"))]
        sections.setdefault(name, []).extend(value)
    elif name in MAPPING_SECTIONS:
        if not isinstance(value, Record):
            return [content.problem(name, _("verwacht velden (veld: waarde)"))]
        if name in sections:
            return [content.problem(name, _("dit onderdeel staat al in een ander bestand"))]
        sections[name] = value
    else:
        return [
            content.problem(name, _unknown(name, LIST_SECTIONS + MAPPING_SECTIONS, "onderdeel"))
        ]
    return []


def _unknown(name, known, what) -> str:
    message = _("onbekend %(what)s '%(name)s'") % {"what": what, "name": name}
    close = get_close_matches(str(name), known, n=1)
    if close:
        message += _(" (bedoelt u '%(close)s'?)") % {"close": close[0]}
    return message


# ── fields ────────────────────────────────────────────────────────────────────────────────────
TEXT, INT, BOOL, DATE, LIST, MAPPING, NUMBER = (
    "tekst",
    "geheel getal",
    "ja/nee (true/false)",
    "datum (JJJJ-MM-DD)",
    "lijst",
    "velden",
    "getal",
)


@dataclass(frozen=True)
class Field:
    kind: str = TEXT
    required: bool = False
    default: object = None
    choices: tuple = ()


def required(kind=TEXT, **kwargs) -> Field:
    return Field(kind, required=True, **kwargs)


def optional(kind=TEXT, default=None, **kwargs) -> Field:
    return Field(kind, default=default, **kwargs)


def choices_of(model, name: str) -> tuple:
    return tuple(value for value, _label in model._meta.get_field(name).choices)


@dataclass
class Row:
    """A record's checked values (``row.values[name]``) and where it stands."""

    record: Record
    values: dict = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None

    def error(self, key, message) -> DatasetError:
        return self.record.error(key, message)


def check(record: Record, spec: dict[str, Field], problems: list[Problem]) -> Row:
    """The record's values by ``spec``, defaults filled in; problems appended to ``problems``."""
    row = Row(record)
    for key in record:
        if key not in spec:
            problems.append(record.problem(key, _unknown(key, tuple(spec), "veld")))
    for name, field_spec in spec.items():
        if name not in record or record[name] is None:
            if field_spec.required:
                problems.append(
                    record.problem(None, _("veld '%(name)s' ontbreekt") % {"name": name})
                )
            row.values[name] = field_spec.default
            continue
        value, message = _convert(record[name], field_spec)
        if message:
            problems.append(record.problem(name, message))
        row.values[name] = value
    return row


def _convert(value, spec: Field):
    kind = spec.kind
    if kind in (TEXT, NUMBER):
        # YAML reads 2017 and 6.10 as numbers; in a data set they are text (codes, amounts).
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            return None, _("verwacht %(kind)s") % {"kind": kind}
        value = str(value)
        if kind == NUMBER:
            try:
                float(value.replace(",", "."))
            except ValueError:
                return None, _("'%(value)s' is geen getal") % {"value": value}
    elif kind == INT:
        if isinstance(value, bool) or not isinstance(value, int):
            return None, _("verwacht een geheel getal, niet '%(value)s'") % {"value": value}
    elif kind == BOOL:
        if not isinstance(value, bool):
            return None, _("verwacht true of false, niet '%(value)s'") % {"value": value}
    elif kind == DATE:
        if not isinstance(value, date):
            return None, _("verwacht een datum JJJJ-MM-DD, niet '%(value)s'") % {"value": value}
    elif kind == LIST:
        if not isinstance(value, list):
            return None, _("verwacht een lijst")
    elif kind == MAPPING and not isinstance(value, Record):
        return None, _("verwacht velden (veld: waarde)")
    if spec.choices and value not in spec.choices:
        options = ", ".join(str(c) for c in spec.choices)
        return None, _("'%(value)s' is geen geldige keuze (kies uit: %(options)s)") % {
            "value": value,
            "options": options,
        }
    return value, None
