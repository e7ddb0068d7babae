"""The apps are layers: `conferences` (the event, the programme, the press) knows nothing of
`registration`, which builds on it. Checked on the source, so an import hidden inside a
function counts too."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def imported_modules(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def test_conferences_never_imports_registration():
    offenders = [
        f"{path.relative_to(ROOT)}: {module}"
        for path in sorted((ROOT / "conferences").rglob("*.py"))
        for module in imported_modules(path)
        if module == "registration" or module.startswith("registration.")
    ]
    assert offenders == []


def test_no_two_modules_of_the_apps_import_each_other():
    graph = {}
    for app in ("conferences", "registration", "mce_site"):
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
            graph[name] = set(imported_modules(path))
    circles = sorted(
        tuple(sorted((a, b)))
        for a, imports in graph.items()
        for b in imports
        if b in graph and a in graph[b] and a != b
    )
    assert circles == []
