"""The real pages of ``fixtures/real/`` for :mod:`bench.real`: its sets, its runs and each file's labels.

Which files make each set (``SETS``) and which are linted together (``runs.toml``, each
run closed: :func:`open_answers`), and the labels beside each file (:func:`read_labels`),
checked as they are read: a malformed label file raises :class:`LabelError` naming the
file and the key.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "fixtures" / "real"
SUFFIXES = (".txt", ".md", ".markdown")
KINDS = ("must", "may", "must-not")
SETS = {"tuning": ("govuk", "other"), "holdout": ("holdout",)}  # set name: its folders under fixtures/real
RUNS = REAL / "runs.toml"  # which files of a set are linted apart from the rest of it


class LabelError(ValueError):
    """A label file that cannot be used: names the file and what is wrong."""


@dataclass(frozen=True)
class Label:
    kind: str  # must, may, must-not
    rule: str
    first: int
    last: int
    reason: str

    def covers(self, line: int) -> bool:
        return self.first <= line <= self.last


def response_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in SUFFIXES)


def set_files(name: str, folder: Path = REAL) -> list[Path]:
    """The response files of set ``name`` (see ``SETS``)."""
    return sorted(p for sub in SETS[name] for p in response_files(folder / sub))


def set_runs(name: str, folder: Path = REAL) -> list[list[Path]]:
    """The files of set ``name`` in runs: those ``runs.toml`` groups, then the rest of the set as one run."""
    files = set_files(name, folder)
    where = folder / RUNS.name
    data = tomllib.loads(where.read_text(encoding="utf-8")) if where.exists() else {}
    runs: list[list[Path]] = []
    placed: set[Path] = set()
    for i, raw in enumerate(data.get("run", [])):
        at = f"{where}: run[{i}]"
        if not isinstance(raw, dict) or set(raw) != {"set", "files", "why"}:
            raise LabelError(f"{at}: expected a table of set, files and why")
        if raw["set"] not in SETS:
            raise LabelError(f"{at}: unknown set {raw['set']!r}")
        if raw["set"] != name:
            continue
        run = [folder / f for f in raw["files"]]
        for path in run:
            if path not in files:
                raise LabelError(f"{at}: {path.relative_to(folder).as_posix()} is not a file of the {name} set")
            if path in placed:
                raise LabelError(f"{at}: {path.relative_to(folder).as_posix()} is in two runs")
        placed.update(run)
        runs.append(sorted(run))
    rest = [p for p in files if p not in placed]
    return [*runs, rest] if rest else runs


def open_answers(files: list[Path]) -> list[str]:
    """The answers that break the closure of a run of ``files``, each as one line saying where.

    An answer is (organisation, action), as the cross-document rules identify it
    (:mod:`lint.checks.identity`): on a per-action page an entry's organisation and
    the page's action, on a per-organisation page the page's organisation and the
    entry's action. The run is closed when each answer is on the other page too,
    whenever that page is in the run.
    """
    from lint.checks.identity import action_key, answers, organisation_keys
    from lint.model import PER_ACTION, PER_ORGANISATION
    from lint.readers import read

    documents = [read(p.as_posix(), p.read_text(encoding="utf-8")) for p in files]
    keys = organisation_keys(documents)
    held: dict[tuple[str, str], set[tuple[str, str]]] = {}  # page (kind, key) -> its answers
    for document, _, organisation, action in answers(documents, keys):
        if action is None:
            continue
        if document.layout == PER_ACTION and action_key(document.action) == action:
            held.setdefault(("action", action), set()).add((organisation, action))
        elif document.layout == PER_ORGANISATION:
            held.setdefault(("organisation", organisation), set()).add((organisation, action))
    problems = []
    for (kind, _), found in sorted(held.items()):
        for organisation, action in sorted(found):
            other = ("organisation", organisation) if kind == "action" else ("action", action)
            if other in held and (organisation, action) not in held[other]:
                problems.append(
                    f"the answer of {organisation!r} to action {action} is on its {kind} page "
                    f"but not on its {other[0]} page"
                )
    return problems


def labels_path(path: Path) -> Path:
    return path.with_name(path.stem + ".labels.toml")


def read_labels(path: Path, rules: set[str]) -> list[Label]:
    """The labels of response file ``path`` (checked: known rules, lines in the file, a reason)."""
    where = labels_path(path)
    if not where.exists():
        raise LabelError(f"{where}: missing (every file in {path.parent} needs its labels)")
    try:
        data = tomllib.loads(where.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise LabelError(f"{where}: invalid TOML: {exc}") from None
    unknown = set(data) - set(KINDS) - {"file", "judged"}
    if unknown:
        raise LabelError(f"{where}: unknown key {sorted(unknown)[0]!r} (expected {', '.join(KINDS)})")
    if data.get("file", path.name) != path.name:
        raise LabelError(f"{where}: 'file' is {data['file']!r}, not {path.name!r}")
    line_count = len(path.read_text(encoding="utf-8").splitlines())
    found = []
    for kind in KINDS:
        for i, raw in enumerate(data.get(kind, [])):
            at = f"{where}: {kind}[{i}]"
            if not isinstance(raw, dict) or set(raw) - {"rule", "lines", "reason"}:
                raise LabelError(f"{at}: expected a table of rule, lines and reason")
            rule, lines, reason = raw.get("rule"), raw.get("lines"), raw.get("reason")
            if rule not in rules:
                raise LabelError(f"{at}: unknown rule {rule!r}")
            if isinstance(lines, int):
                lines = [lines, lines]
            if (
                not isinstance(lines, list)
                or len(lines) != 2
                or not all(isinstance(n, int) for n in lines)
                or not 1 <= lines[0] <= lines[1] <= line_count
            ):
                raise LabelError(f"{at}: 'lines' must be a line or [first, last] within the file's {line_count} lines")
            if not isinstance(reason, str) or not reason.strip():
                raise LabelError(f"{at}: a one-line 'reason' is required")
            found.append(Label(kind, rule, lines[0], lines[1], reason.strip()))
    return found
