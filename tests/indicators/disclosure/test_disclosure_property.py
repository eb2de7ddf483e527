"""Property-style checks over a few hundred random tables (fixed seed): whatever the table, no
secret cell can be computed back from what is published.

The checker below is written independently of the module: it rebuilds the row and column
equations from the published table and tries to solve them for every secret cell, first one
equation at a time, then all equations together (exact rank computation).
"""

import random
from fractions import Fraction

import pytest

from indicators.disclosure import Rules, protect_table

SEED = 20180701
N_TABLES = 300


def random_table(rng: random.Random):
    n_rows, n_cols = rng.randint(1, 5), rng.randint(1, 5)

    def value():
        draw = rng.random()
        if draw < 0.05:
            return None  # not delivered
        if draw < 0.15:
            return 0
        if draw < 0.45:
            return rng.randint(1, 7)
        return rng.randint(8, 80)

    return [[value() for _c in range(n_cols)] for _r in range(n_rows)]


def published_equations(rows, result):
    """(cells, total) per row, column and margin, as a reader of the published table sees them:
    each total is the sum of the filled cells of its line."""
    n_rows, n_cols = len(rows), len(rows[0])
    cells = {(i, j): result.body[i][j] for i in range(n_rows) for j in range(n_cols)}
    cells |= {("rij", i): result.row_totals[i] for i in range(n_rows)}
    cells |= {("kolom", j): result.col_totals[j] for j in range(n_cols)}
    cells["totaal"] = result.grand_total
    filled = {k for k, c in cells.items() if c.value is not None or c.suppressed}
    lines = [([(i, j) for j in range(n_cols)], ("rij", i)) for i in range(n_rows)]
    lines += [([(i, j) for i in range(n_rows)], ("kolom", j)) for j in range(n_cols)]
    lines.append(([("rij", i) for i in range(n_rows)], "totaal"))
    lines.append(([("kolom", j) for j in range(n_cols)], "totaal"))
    equations = []
    for parts, total in lines:
        parts = [p for p in parts if p in filled]
        if total in filled and parts:
            equations.append((parts, total))
    secret = {k for k, c in cells.items() if c.suppressed}
    return equations, secret, cells


def derivable_from_one_equation(equations, secret):
    found = set()
    for parts, total in equations:
        unknown = [k for k in [*parts, total] if k in secret]
        if len(unknown) == 1:
            found.add(unknown[0])
    return found


def rank(matrix):
    matrix = [row[:] for row in matrix]
    rank_ = 0
    n_cols = len(matrix[0]) if matrix else 0
    for c in range(n_cols):
        pivot = next((r for r in range(rank_, len(matrix)) if matrix[r][c] != 0), None)
        if pivot is None:
            continue
        matrix[rank_], matrix[pivot] = matrix[pivot], matrix[rank_]
        for r in range(len(matrix)):
            if r != rank_ and matrix[r][c] != 0:
                f = matrix[r][c] / matrix[rank_][c]
                matrix[r] = [a - f * b for a, b in zip(matrix[r], matrix[rank_], strict=True)]
        rank_ += 1
    return rank_


def derivable_from_all_equations(equations, secret):
    """A secret cell follows from the equations iff dropping its column lowers the rank of the
    system in the secret cells (its unit vector lies in the row space)."""
    unknowns = sorted(secret, key=repr)
    matrix = []
    for parts, total in equations:
        row = [Fraction(0)] * len(unknowns)
        for i, k in enumerate(unknowns):
            if k in parts:
                row[i] += 1
            if k == total:
                row[i] -= 1
        matrix.append(row)
    if not matrix:
        return set()
    full = rank(matrix)
    found = set()
    for i, k in enumerate(unknowns):
        without = [row[:i] + row[i + 1 :] for row in matrix]
        if rank(without) < full:
            found.add(k)
    return found


def tables(n=N_TABLES, seed=SEED):
    rng = random.Random(seed)
    return [random_table(rng) for _ in range(n)]


@pytest.mark.parametrize("min_count", [1, 0])
def test_no_secret_cell_of_a_random_table_can_be_computed_back(min_count):
    rules = Rules(min_count=min_count, max_count=7)
    for rows in tables(seed=SEED + min_count):
        result = protect_table(rows, rules=rules)
        equations, secret, _cells = published_equations(rows, result)
        assert derivable_from_one_equation(equations, secret) == set(), rows
        assert derivable_from_all_equations(equations, secret) == set(), rows


def test_every_small_count_of_a_random_table_is_secret_and_every_other_published_cell_exact():
    for rows in tables():
        result = protect_table(rows)
        exact = result.protection
        for (i, j), value in ((ij, rows[ij[0]][ij[1]]) for ij in _positions(rows)):
            cell = result.body[i][j]
            if value is not None and 1 <= value <= 7:
                assert cell.suppressed, rows
            elif not cell.suppressed:
                assert cell.value == value, rows
        assert all(c.value is None for c in exact.cells.values() if c.suppressed)


def test_no_line_of_a_random_table_ends_with_exactly_one_secret_cell():
    for rows in tables():
        result = protect_table(rows)
        equations, secret, _cells = published_equations(rows, result)
        for parts, total in equations:
            assert sum(1 for k in [*parts, total] if k in secret) != 1, rows


def test_rounding_does_not_change_which_cells_are_secret():
    for rows in tables(n=100):
        plain = protect_table(rows)
        rounded = protect_table(rows, rules=Rules(round_to=5))
        assert plain.protection.suppressed == rounded.protection.suppressed
        for key, cell in rounded.protection.cells.items():
            if cell.value is not None:
                assert cell.value % 5 == 0, (rows, key)


def _positions(rows):
    return [(i, j) for i in range(len(rows)) for j in range(len(rows[0]))]
