"""The limits every uploaded spreadsheet is read within, and the clock that enforces them.

A spreadsheet is a small file that can describe an enormous table (a sheet that declares five
million rows, a cell repeated 10⁹ times, one string of 300 MB, a zip that unpacks 1000-fold).
Readers check each limit *before* reading on, so a hostile file costs a bounded amount of CPU and
memory; every limit is a setting (``IMPORT_*``, defaults in ``config/settings.py`` and
``docs/reliability.md``) and every refusal says in Dutch which limit it was and what to do.
Empty rows and columns are free: only non-empty rows and cells count.
"""

import time
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from .cells import FileProblem

# How many parser events pass between two looks at the clock.
CLOCK_EVERY = 4096


@dataclass(frozen=True)
class ReadLimits:
    upload_bytes: int = 10 * 1024 * 1024
    rows: int = 50_000
    columns: int = 60
    cells: int = 600_000
    unpacked_bytes: int = 64 * 1024 * 1024
    member_bytes: int = 48 * 1024 * 1024
    compression_ratio: int = 100
    members: int = 500
    string_length: int = 32_767
    seconds: float = 20.0

    @classmethod
    def from_settings(cls) -> "ReadLimits":
        defaults = cls()
        return cls(
            **{
                name: getattr(settings, f"IMPORT_MAX_{name.upper()}", getattr(defaults, name))
                for name in cls.__dataclass_fields__
            }
        )


class Clock:
    """The wall-clock budget of one read; ``tick()`` is cheap enough to call per XML event."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.events = 0

    def tick(self) -> None:
        self.events += 1
        if self.events % CLOCK_EVERY == 0:
            self.check()

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise FileProblem(
                _(
                    "Het inlezen duurde langer dan %(seconds)d seconden (de tijdslimiet) en is "
                    "gestopt. Verwijder lege of overbodige regels, kolommen en tabbladen, of "
                    "splits het bestand op."
                )
                % {"seconds": self.seconds}
            )


class Counter:
    """Non-empty rows and cells of one read, refused as soon as one passes its limit."""

    def __init__(self, limits: ReadLimits):
        self.limits = limits
        self.rows = 0
        self.cells = 0

    def add_rows(self, count: int = 1) -> None:
        self.rows += count
        if self.rows > self.limits.rows:
            raise FileProblem(
                _(
                    "Het bestand heeft meer dan %(max)d gevulde regels (de limiet). Splits het op "
                    "in kleinere bestanden."
                )
                % {"max": self.limits.rows}
            )

    def add_cells(self, count: int) -> None:
        self.cells += count
        if self.cells > self.limits.cells:
            raise FileProblem(
                _(
                    "Het bestand heeft meer dan %(max)d gevulde cellen (de limiet). Splits het op "
                    "in kleinere bestanden."
                )
                % {"max": self.limits.cells}
            )

    def check_column(self, index: int) -> None:
        """``index`` (0-based) holds a value: refused beyond the column limit."""
        if index >= self.limits.columns:
            raise FileProblem(
                _(
                    "Het bestand heeft gevulde cellen voorbij kolom %(max)d (de limiet; het "
                    "sjabloon heeft 11 kolommen). Verwijder de kolommen die niet bij het "
                    "sjabloon horen."
                )
                % {"max": self.limits.columns}
            )

    def check_length(self, length: int) -> None:
        if length > self.limits.string_length:
            raise FileProblem(
                _("Een cel bevat meer dan %(max)d tekens (de limiet). Maak de tekst korter.")
                % {"max": self.limits.string_length}
            )


def check_upload_size(size: int, limits: ReadLimits) -> None:
    if size > limits.upload_bytes:
        raise FileProblem(
            _("Het bestand is groter dan %(mb)d MB (de limiet). Splits het op.")
            % {"mb": limits.upload_bytes // (1024 * 1024)}
        )


def check_archive(archive: zipfile.ZipFile, limits: ReadLimits) -> None:
    """Refuse a zip (XLSX, ODS) that would unpack too much, before unpacking anything.

    The sizes are those the archive declares; :func:`open_member` holds each member to them.
    """
    members = archive.infolist()
    if len(members) > limits.members:
        raise FileProblem(
            _(
                "Het bestand bestaat uit meer dan %(max)d onderdelen (de limiet). Is het wel een rekenblad?"
            )
            % {"max": limits.members}
        )
    total = 0
    for member in members:
        if member.file_size > limits.member_bytes:
            raise _too_big(limits)
        ratio = member.file_size / max(member.compress_size, 1)
        # Small members may compress extremely well without harm; a big one that does is a bomb
        # (a sheet of millions of empty rows or one repeated string).
        if member.file_size > 1024 * 1024 and ratio > limits.compression_ratio:
            raise FileProblem(
                _(
                    "Het bestand is meer dan %(ratio)d keer zo groot als het uitgepakt wordt (de "
                    "limiet); het bevat waarschijnlijk miljoenen lege regels of cellen. Kopieer "
                    "alleen de gevulde cellen naar een nieuw bestand."
                )
                % {"ratio": limits.compression_ratio}
            )
        total += member.file_size
        if total > limits.unpacked_bytes:
            raise _too_big(limits)


def _too_big(limits: ReadLimits) -> FileProblem:
    return FileProblem(
        _(
            "Het bestand is uitgepakt groter dan %(mb)d MB (de limiet). Verwijder lege of "
            "overbodige regels, kolommen en tabbladen, of splits het bestand op."
        )
        % {"mb": limits.member_bytes // (1024 * 1024)}
    )


class BoundedMember:
    """A zip member as a file that never yields more than its declared (and checked) size."""

    def __init__(self, archive: zipfile.ZipFile, name: str, limits: ReadLimits):
        self.info = archive.getinfo(name)
        self.stream = archive.open(self.info)
        self.limits = limits
        self.read_bytes = 0

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            size = 64 * 1024
        data = self.stream.read(size)
        self.read_bytes += len(data)
        if self.read_bytes > min(self.info.file_size, self.limits.member_bytes):
            raise _too_big(self.limits)
        return data

    def close(self) -> None:
        self.stream.close()
