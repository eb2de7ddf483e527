"""The architecture, checked on the source: no import cycles, dependencies point downward, modules a
person reads in one sitting (docs/architecture.md).

Every module of the apps is parsed with :mod:`ast`; every import counts, also one inside a function
(a lazy import is still a cycle), except under ``if TYPE_CHECKING:``. The apps are layered

    datasets → work → reports → beleidskader → budgets → indicators → organisations → core

(an app imports only apps to its right); notifications sits beside core and imports only core.
config (settings, URLs, Celery) and tests may import anything.

What other engineers are still cutting or splitting is in :data:`PENDING`, with its owner. Each
check fails on a violation that is not listed **and** on a listed one that is gone, so the list
only shrinks: remove an entry in the commit that resolves it.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = (
    "core",
    "notifications",
    "organisations",
    "indicators",
    "budgets",
    "beleidskader",
    "reports",
    "work",
    "datasets",
    "config",
)
LAYERS = (
    "core",
    "organisations",
    "indicators",
    "budgets",
    "beleidskader",
    "reports",
    "work",
    "datasets",
)
EXEMPT = {"config", "tests"}
MAX_LINES = 800

# The violations still being resolved, each with the engineer who resolves it. A cycle is named by
# the modules of its strongly connected component, an upward import by (importer, imported), a
# long module by its path.
PENDING = {}


# --- reading the source -------------------------------------------------------------------------


def module_files(root: Path = ROOT, apps=APPS) -> dict[str, Path]:
    """Dotted module name → file, for every module of the apps outside migrations."""
    found = {}
    for app in apps:
        for path in sorted((root / app).rglob("*.py")):
            relative = path.relative_to(root)
            if "migrations" in relative.parts:
                continue
            parts = list(relative.with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


class _Imports(ast.NodeVisitor):
    """Every imported dotted name of a module, at any depth, as absolute names."""

    def __init__(self, package: str):
        self.package = package
        self.names: list[str | tuple[str, str]] = []

    def visit_If(self, node: ast.If):
        if _is_type_checking(node.test):
            for child in node.orelse:
                self.visit(child)
            return
        self.generic_visit(node)

    def visit_Import(self, node: ast.Import):
        self.names.extend(alias.name for alias in node.names)

    def visit_ImportFrom(self, node: ast.ImportFrom):
        base = node.module or ""
        if node.level:
            parts = self.package.split(".")
            parts = parts[: len(parts) - node.level + 1]
            base = ".".join(parts + ([base] if base else []))
        # "from a import b" imports module a.b when it is one, else a name of module a.
        self.names.extend((base, alias.name) for alias in node.names)


def import_graph(files: dict[str, Path]) -> dict[str, set[str]]:
    """Module → the modules of ``files`` it imports (the longest known prefix of each name)."""

    def known(name: str) -> str | None:
        while name and name not in files:
            name = name.rpartition(".")[0]
        return name or None

    graph = {}
    for module, path in files.items():
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        visitor = _Imports(package)
        visitor.visit(ast.parse(path.read_text(), filename=str(path)))
        targets = set()
        for name in visitor.names:
            if isinstance(name, tuple):
                base, imported = name
                name = f"{base}.{imported}" if f"{base}.{imported}" in files else base
            target = known(name)
            if target and target != module:
                targets.add(target)
        graph[module] = targets
    return graph


def strongly_connected(graph: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's strongly connected components with more than one module (iterative)."""
    index, low, on_stack, stack, components = {}, {}, set(), [], []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in graph:
                    continue
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(component)
    return components


def a_cycle(graph: dict[str, set[str]], component: set[str]) -> list[str]:
    """One cycle through the component, to print: a → b → … → a (shortest from its first module)."""
    start = min(component)
    paths = {start: [start]}
    todo = [start]
    while todo:
        node = todo.pop(0)
        for child in sorted(graph[node] & component):
            if child == start:
                return paths[node] + [start]
            if child not in paths:
                paths[child] = paths[node] + [child]
                todo.append(child)
    return sorted(component)


def app_of(module: str) -> str:
    return module.split(".")[0]


def is_upward(importer: str, imported: str) -> bool:
    source, target = app_of(importer), app_of(imported)
    if source == target or source in EXEMPT or target in EXEMPT:
        return False
    if source == "notifications":
        return target != "core"
    if target == "notifications":
        return source == "core"
    return LAYERS.index(target) > LAYERS.index(source)


# --- what is found ------------------------------------------------------------------------------


def cycles(graph) -> dict[tuple, str]:
    return {
        ("cycle", frozenset(c)): " → ".join(a_cycle(graph, c)) for c in strongly_connected(graph)
    }


def upward_imports(graph) -> dict[tuple, str]:
    """(importer, imported app or module) → how it reads. A pending entry may name the imported
    app as a whole (a command that reaches into everything above it)."""
    found = {}
    for importer, imported in sorted((m, t) for m, ts in graph.items() for t in ts):
        if is_upward(importer, imported):
            key = ("upward", importer, imported)
            if key not in PENDING and ("upward", importer, app_of(imported)) in PENDING:
                key = ("upward", importer, app_of(imported))
            found.setdefault(key, f"{importer} imports {imported}")
    return found


def long_modules(files: dict[str, Path], root: Path = ROOT) -> dict[tuple, str]:
    found = {}
    for path in [*files.values(), *sorted((root / "tests").rglob("*.py"))]:
        lines = len(path.read_text().splitlines())
        if lines > MAX_LINES:
            relative = path.relative_to(root).as_posix()
            found[("long", relative)] = f"{relative}: {lines} lines"
    return found


def _compare(found: dict[tuple, str], kind: str) -> list[str]:
    pending = {key for key in PENDING if key[0] == kind}
    problems = [f"new: {found[key]}" for key in sorted(found.keys() - pending, key=str)]
    problems += [
        f"gone, remove it from PENDING (owner {PENDING[key]}): {key}"
        for key in sorted(pending - found.keys(), key=str)
    ]
    return problems


# --- the checks ---------------------------------------------------------------------------------


def test_no_import_cycles():
    graph = import_graph(module_files())
    assert _compare(cycles(graph), "cycle") == []


def test_dependencies_point_downward():
    graph = import_graph(module_files())
    assert _compare(upward_imports(graph), "upward") == []


def test_no_module_over_800_lines():
    assert _compare(long_modules(module_files()), "long") == []


# --- the checks can fail ------------------------------------------------------------------------


def _world(tmp_path: Path, sources: dict[str, str]) -> dict[str, set[str]]:
    for name, text in sources.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    apps = sorted({name.split("/")[0] for name in sources})
    return import_graph(module_files(tmp_path, apps))


def test_an_import_inside_a_function_makes_a_cycle_and_type_checking_does_not(tmp_path):
    graph = _world(
        tmp_path,
        {
            "indicators/__init__.py": "",
            "indicators/models.py": "def clean():\n    from .engine import validate\n",
            "indicators/engine.py": "from indicators.models import Indicator\n",
            "indicators/targets.py": (
                "from typing import TYPE_CHECKING\n"
                "if TYPE_CHECKING:\n    from .engine import Figures\n"
                "from . import models\n"
            ),
            "indicators/migrations/0001_initial.py": "from indicators import engine\n",
        },
    )
    assert graph["indicators.targets"] == {"indicators.models"}
    assert list(cycles(graph).values()) == [
        "indicators.engine → indicators.models → indicators.engine"
    ]
    assert "indicators.migrations.0001_initial" not in graph


def test_an_import_upward_or_from_notifications_to_an_app_is_found(tmp_path):
    graph = _world(
        tmp_path,
        {
            "indicators/__init__.py": "",
            "indicators/tasks.py": "def run():\n    import reports.dashboard\n",
            "reports/__init__.py": "",
            "reports/dashboard.py": "from indicators import tasks\nfrom config import settings\n",
            "notifications/__init__.py": "",
            "notifications/notify.py": "from core import audit\nfrom organisations import models\n",
            "core/__init__.py": "",
            "core/audit.py": "",
            "organisations/__init__.py": "",
            "organisations/models.py": "from notifications import notify\n",
            "config/__init__.py": "",
            "config/settings.py": "from reports import dashboard\n",
        },
    )
    assert sorted(text for text in upward_imports(graph).values()) == [
        "indicators.tasks imports reports.dashboard",
        "notifications.notify imports organisations.models",
    ]
