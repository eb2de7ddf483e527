"""Backup and restore of the database and the media files (core.backup, docs/reliability.md)."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from core.backup import read_manifest, sha256_of, verify_backup
from reports.models import Report
from reports.services import create_report
from tests.factories import build_world, period
from tests.reports.conftest import vastgesteld, with_files

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def adopted(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    world = build_world()
    report = create_report(world.vlissingen, period("2018H1"), world.beleid)
    return vastgesteld(with_files(report), world.beleid)


def test_a_backup_has_a_manifest_with_the_sha256_of_every_file(adopted, tmp_path):
    call_command("backup", str(tmp_path / "backup"))

    manifest = read_manifest(tmp_path / "backup")
    assert manifest["database"]["sha256"] == sha256_of(tmp_path / "backup" / "database.dump")
    assert manifest["media"][adopted.pdf.name] == adopted.pdf_sha256
    assert manifest["referenced"][adopted.pdf.name] == adopted.pdf_sha256
    assert set(manifest["media"]) == {adopted.pdf.name, adopted.xlsx.name, adopted.csv.name}


def test_a_backup_goes_only_into_an_empty_folder(adopted, tmp_path):
    (tmp_path / "backup").mkdir()
    (tmp_path / "backup" / "iets").write_text("oud")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", str(tmp_path / "backup"))


def test_a_backup_missing_a_file_the_database_refers_to_fails(adopted, tmp_path):
    adopted.csv.storage.delete(adopted.csv.name)
    with pytest.raises(CommandError, match="refers to files that are not in MEDIA_ROOT"):
        call_command("backup", str(tmp_path / "backup"))


def test_checking_a_backup_finds_a_changed_file(adopted, tmp_path):
    call_command("backup", str(tmp_path / "backup"))
    assert verify_backup(tmp_path / "backup").ok
    (tmp_path / "backup" / "media" / adopted.pdf.name).write_bytes(b"%PDF anders")

    with pytest.raises(CommandError, match="1 fout"):
        call_command("restore", str(tmp_path / "backup"), "--check")


def test_restoring_needs_yes(adopted, tmp_path):
    call_command("backup", str(tmp_path / "backup"))
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(tmp_path / "backup"))


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="restores with pg_restore (CI: PostgreSQL)"
)


@postgresql_only
def test_backup_wipe_restore_gives_back_the_vastgesteld_report_with_its_files(
    adopted, tmp_path, settings
):
    call_command("backup", str(tmp_path / "backup"))
    call_command("flush", "--noinput")
    adopted.pdf.storage.delete(adopted.pdf.name)

    call_command("restore", str(tmp_path / "backup"), "--yes")

    restored = Report.objects.get(pk=adopted.pk)
    assert restored.is_frozen
    with restored.pdf.open("rb") as handle:
        assert handle.read() == b"%PDF-1.7 test"


@postgresql_only
def test_a_restore_notices_a_vastgesteld_file_that_differs_from_its_stored_hash(adopted, tmp_path):
    call_command("backup", str(tmp_path / "backup"))
    # Changed in the backup together with its manifest: only the stored hash can tell.
    changed = tmp_path / "backup" / "media" / adopted.pdf.name
    changed.write_bytes(b"%PDF vervalst")
    manifest_path = tmp_path / "backup" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["media"][adopted.pdf.name] = sha256_of(changed)
    manifest_path.write_text(json.dumps(manifest))

    with pytest.raises(CommandError, match="1 fout"):
        call_command("restore", str(tmp_path / "backup"), "--yes")
