"""The value and history tables get their own autovacuum settings, and the history keeps only the
indexes its readers use (migration indicators/0008)."""

import pytest
from django.db import connection

from indicators.models import Value

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="autovacuum is PostgreSQL's")
def test_the_value_table_is_vacuumed_after_about_one_large_import():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reloptions FROM pg_class "
            "WHERE relname IN ('indicators_value', 'indicators_historicalvalue')"
        )
        options = dict(cursor.fetchall())
    assert "autovacuum_vacuum_insert_scale_factor=0.01" in options["indicators_value"]
    assert "autovacuum_analyze_scale_factor=0.05" in options["indicators_historicalvalue"]


def test_the_history_is_indexed_for_the_history_page_and_one_value_only():
    history = Value.history.model
    indexed = {f.name for f in history._meta.concrete_fields if f.db_index and not f.primary_key}
    assert indexed == {"id", "submission", "history_date", "history_user"}
