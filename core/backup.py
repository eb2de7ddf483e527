"""A consistent backup of the database and the media files, and its restore (docs/reliability.md).

A backup is a folder::

    database.dump      pg_dump --format=custom (PostgreSQL) or a copy of the SQLite file
    media/...          every file under MEDIA_ROOT (the report files)
    manifest.json      SHA-256 of every file above, and every file the database refers to

On PostgreSQL the dump and the list of files the database refers to come from one snapshot
(``pg_export_snapshot`` in a REPEATABLE READ transaction that pg_dump joins with ``--snapshot``),
so the manifest says exactly which files that database needs. Report files are written before the
row that names them is committed and old ones removed only after, so a file named in the snapshot
is on disk while the media are copied; the backup checks that and fails otherwise.

A restore first checks the backup against its manifest, then loads the database, puts the media
back and checks again: every restored file against the manifest, and every file whose SHA-256 the
database keeps (a field ``<name>_sha256`` beside a FileField: the vastgestelde report files)
against that stored hash.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection, connections, models, transaction
from django.utils import timezone

MANIFEST = "manifest.json"
DUMP = "database.dump"
MEDIA = "media"
# Written and removed again by the health check; not worth keeping.
SKIPPED_MEDIA = {"health_check_storage_test"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    pass


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass
class Check:
    """What a verification found: nothing in ``problems`` means all is well."""

    files: int = 0
    hashed: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


# --- what the database refers to -----------------------------------------------------------


def _file_fields():
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            if isinstance(f, models.FileField):
                yield model, f


def referenced_files() -> dict[str, str]:
    """Every file name a FileField holds → its stored SHA-256 ('' when none is kept)."""
    names = {}
    for model, f in _file_fields():
        hash_field = f"{f.name}_sha256"
        has_hash = any(x.name == hash_field for x in model._meta.concrete_fields)
        columns = [f.attname, hash_field] if has_hash else [f.attname]
        for row in model._base_manager.exclude(**{f.attname: ""}).values_list(*columns):
            names[row[0]] = row[1] if has_hash else ""
    return names


# --- backup -------------------------------------------------------------------------------


def _pg_env() -> dict[str, str]:
    db = connection.settings_dict
    env = {**os.environ, "PGDATABASE": db["NAME"]}
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if db.get(key):
            env[name] = str(db[key])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def _run(command: list[str]):
    result = subprocess.run(command, env=_pg_env(), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-2000:]}")


def _dump_database(target: Path) -> dict[str, str]:
    """Dump the database into ``target``; return the files it refers to (same snapshot)."""
    if connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            # The transaction waits, idle, while pg_dump works: the web timeouts do not apply.
            cursor.execute("SET LOCAL idle_in_transaction_session_timeout = 0")
            cursor.execute("SET LOCAL statement_timeout = 0")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            _run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={target / DUMP}",
                ]
            )
            return referenced_files()
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(target / DUMP) as copy:
            connection.connection.backup(copy)
        return referenced_files()
    raise BackupError(f"no backup for a {connection.vendor} database")


def _copy_media(target: Path) -> dict[str, str]:
    media_root = Path(settings.MEDIA_ROOT)
    copied = {}
    if not media_root.exists():
        return copied
    for path in sorted(media_root.rglob("*")):
        relative = path.relative_to(media_root)
        if not path.is_file() or relative.parts[0] in SKIPPED_MEDIA:
            continue
        destination = target / MEDIA / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, destination)
        copied[relative.as_posix()] = sha256_of(destination)
    return copied


def make_backup(target: Path) -> dict:
    """Write a backup into the new folder ``target``; return its manifest."""
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty")
    target.mkdir(parents=True, exist_ok=True)
    started = timezone.now()
    referenced = _dump_database(target)
    media = _copy_media(target)
    missing = sorted(name for name in referenced if name not in media)
    manifest = {
        "format": 1,
        "created_at": started.isoformat(),
        "database": {"vendor": connection.vendor, "file": DUMP, "sha256": sha256_of(target / DUMP)},
        "media": media,
        "referenced": referenced,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    if missing:
        raise BackupError(
            "the database refers to files that are not in MEDIA_ROOT: " + ", ".join(missing[:20])
        )
    return manifest


# --- verify and restore -------------------------------------------------------------------


def read_manifest(source: Path) -> dict:
    try:
        return json.loads((Path(source) / MANIFEST).read_text())
    except FileNotFoundError as exc:
        raise BackupError(f"{source} has no {MANIFEST}") from exc


def verify_backup(source: Path) -> Check:
    """Every file of the backup is there with the SHA-256 of its manifest."""
    source = Path(source)
    manifest = read_manifest(source)
    check = Check()
    dump = source / manifest["database"]["file"]
    if not dump.exists() or sha256_of(dump) != manifest["database"]["sha256"]:
        check.problems.append(f"database dump missing or changed: {dump.name}")
    for name, digest in manifest["media"].items():
        path = source / MEDIA / name
        check.files += 1
        if not path.exists():
            check.problems.append(f"missing in the backup: {name}")
        elif sha256_of(path) != digest:
            check.problems.append(f"changed in the backup: {name}")
    return check


def _restore_database(source: Path, manifest: dict):
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(f"a {vendor} backup cannot be restored into {connection.vendor}")
    connections.close_all()
    dump = source / manifest["database"]["file"]
    if vendor == "postgresql":
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                f"--dbname={connection.settings_dict['NAME']}",
                str(dump),
            ]
        )
    else:
        with (
            sqlite3.connect(dump) as backup,
            sqlite3.connect(connection.settings_dict["NAME"]) as db,
        ):
            backup.backup(db)


def _restore_media(source: Path, manifest: dict):
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.exists():
        shutil.rmtree(media_root)
    media_root.mkdir(parents=True)
    for name in manifest["media"]:
        destination = media_root / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / MEDIA / name, destination)


def verify_restored(manifest: dict) -> Check:
    """The media as the manifest says, and every file with a stored hash matching it."""
    media_root = Path(settings.MEDIA_ROOT)
    check = Check()
    for name, digest in manifest["media"].items():
        check.files += 1
        path = media_root / name
        if not path.exists() or sha256_of(path) != digest:
            check.problems.append(f"not restored as backed up: {name}")
    for name, stored in referenced_files().items():
        path = media_root / name
        if not path.exists():
            check.problems.append(f"the database refers to a missing file: {name}")
        elif stored:
            check.hashed += 1
            if sha256_of(path) != stored:
                check.problems.append(f"SHA-256 differs from the stored one: {name}")
    return check


def restore_backup(source: Path) -> Check:
    """Replace the database and MEDIA_ROOT by the backup in ``source`` and verify the result."""
    source = Path(source)
    manifest = read_manifest(source)
    before = verify_backup(source)
    if not before.ok:
        raise BackupError("the backup is damaged: " + "; ".join(before.problems[:20]))
    _restore_database(source, manifest)
    _restore_media(source, manifest)
    return verify_restored(manifest)
