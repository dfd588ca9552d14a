"""What the editor server knows, without the protocol: buffers, configs, the workspace's documents.

A file is linted with the configuration ``check`` would use (found upward from its
folder) together with the other response files of its project (the config's folder,
else the editor's workspace folder), so that the cross-document rules see them;
an open buffer's unsaved text takes precedence over the file on disk. Documents read
from disk are kept until the file changes (by its modification time and size), and so
is what the cross-document rules took from each (its :class:`~lint.engine.DocumentResult`):
a change to one buffer checks that document again, not the whole project.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from lint import checks, engine, outputs, source
from lint.collector import collector_paused
from lint.config import Config, for_paths
from lint.files import collect
from lint.model import Diagnostic, Document
from lint.report import Report, RuleInfo, build
from lint.rules import Rule

# what a document was read from: a file's (modification time, size), or a buffer's text
Stamp = tuple[float, int] | str


@dataclass
class Project:
    """One configuration and what it selects; the documents under its folder.

    ``local`` are the rules that look at one document at a time (with the suppression
    post-pass), ``corpus`` the rules that compare documents (with the post-pass too):
    a change to one buffer re-runs ``local`` on it alone and ``corpus`` on them all,
    from each unchanged document's result kept in ``checked``. Those results hold for
    this project's config and rules only: a changed config makes a new project.
    """

    config: Config
    rules: list[Rule]
    folder: str
    local: list[Rule] = field(default_factory=list)
    corpus: list[Rule] = field(default_factory=list)
    info: dict[str, RuleInfo] = field(default_factory=dict)
    disk: dict[str, tuple[Stamp, Document]] = field(default_factory=dict)
    checked: dict[str, tuple[Stamp, engine.DocumentResult]] = field(default_factory=dict)  # corpus rules' results
    files: list[str] | None = None  # the response files under ``folder`` (found once; refreshed on save)
    alone: bool = False  # a file outside any config and workspace folder: linted on its own
    known: frozenset[str] = frozenset()  # every rule name a suppression may name (the rules loaded once)
    named: frozenset[str] = frozenset()  # files the rules' options may name (word lists, rosters), read once

    @cached_property
    def local_plan(self) -> engine.Plan:
        """The one-document rules bound to the config, made once (not on every edit)."""
        return engine.Plan(self.local, self.config, known=self.known)

    @cached_property
    def corpus_plan(self) -> engine.Plan:
        """The cross-document rules bound to the config, made once."""
        return engine.Plan(self.corpus, self.config, known=self.known)

    def shown(self, path: str) -> str:
        """A document's path in messages: relative to the project's folder when inside it."""
        rel = os.path.relpath(path, self.folder)
        return path if rel.startswith("..") else rel.replace(os.sep, "/")

    def absolute(self, shown: str) -> str:
        return os.path.normpath(os.path.join(self.folder, shown))


@dataclass
class Result:
    """One lint of one file: its document and diagnostics, and the report of the whole project run."""

    document: Document
    diagnostics: list[Diagnostic]
    report: Report
    project: Project


class Analyzer:
    def __init__(self, roots: Sequence[str] = ()) -> None:
        self.roots = [os.path.abspath(r) for r in roots]
        self.buffers: dict[str, str] = {}  # absolute path -> unsaved text of an open buffer
        self._projects: dict[str, Project] = {}  # config file (or folder) -> project
        self._config_of_folder: dict[str, Config] = {}

    # configuration ---------------------------------------------------------------------------
    def config_for(self, path: str) -> Config:
        folder = os.path.dirname(os.path.abspath(path))
        config = self._config_of_folder.get(folder)
        if config is None:
            anchor = folder if os.path.isdir(folder) else os.getcwd()
            config = for_paths([anchor], None)
            self._config_of_folder[folder] = config
        return config

    def project_for(self, path: str) -> Project:
        config = self.config_for(path)
        here = os.path.abspath(path)
        alone = False
        if config.path is not None:
            folder = str(config.root)
        else:  # no config file: the editor's workspace folder holding the file
            folder = next((r for r in self.roots if here.startswith(r.rstrip(os.sep) + os.sep)), "")
            if not folder:  # a file opened on its own (say ~/notes.md): never walk its whole folder
                folder, alone = os.path.dirname(here), True
        key = here if alone else str(config.path or folder)
        project = self._projects.get(key)
        if project is None:
            rules, chosen = engine.choose_rules(config)  # as check chooses them (names checked, files read)
            scopes = {rule.name: checks.load(rule.check).scope for rule in chosen}
            post = [r for r in chosen if scopes[r.name] == "post-pass"]
            project = Project(
                config,
                chosen,
                folder,
                local=[r for r in chosen if scopes[r.name] == "document"] + post,
                corpus=[r for r in chosen if scopes[r.name] == "corpus"],
                info=outputs.rule_info(chosen),
                alone=alone,
                known=frozenset(rules),
                named=_named(chosen, config),
            )
            if project.corpus:
                project.corpus += post
            self._projects[key] = project
        return project

    def forget_configs(self) -> None:
        """A config file changed: read configs again on the next lint."""
        self._projects.clear()
        self._config_of_folder.clear()

    def file_saved(self, path: str) -> None:
        """A new or deleted file changes the set of the project's response files; a changed word list or
        roster, the project's rules."""
        here = os.path.abspath(path)
        for key, project in list(self._projects.items()):
            if here in project.named:  # a word list or roster, read when the project was made: read it again
                del self._projects[key]
                continue
            if project.files is not None and here.startswith(project.folder) and here not in project.files:
                project.files = None

    # documents -------------------------------------------------------------------------------
    def _document(self, path: str, project: Project) -> tuple[Document, Stamp] | None:
        config = project.config
        shown = project.shown(path)
        text = self.buffers.get(path)
        if text is not None:
            return source.parse_bytes(shown, text.encode("utf-8"), config.reader, config.format_of(path)), text
        try:
            stat = os.stat(path)
        except OSError:
            return None
        stamp = (stat.st_mtime, stat.st_size)
        cached = project.disk.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1], stamp
        document = source.load(path, config.reader, config.format_of(path), config.max_file_size)
        if document.path != shown:
            document = document._replace(path=shown)
        project.disk[path] = (stamp, document)
        return document, stamp

    def _project_files(self, project: Project) -> list[str]:
        if project.alone:
            return []
        if project.files is None:
            config = project.config
            found, _ = collect([project.folder], config.include, config.exclude, config.respect_gitignore)
            project.files = [os.path.abspath(f) for f in found]
        return project.files

    def documents(self, path: str, project: Project) -> list[tuple[str, Document, Stamp | None]]:
        """The file's document first, then the project's other response files (buffers win),
        each with its path and what it was read from (None: a missing file, read as empty)."""
        path = os.path.abspath(path)
        mine: tuple[Document, Stamp | None] | None = self._document(path, project)
        if mine is None:
            mine = source.parse_bytes(project.shown(path), b"", project.config.reader), None
        others = [
            (f, *read) for f in self._project_files(project) if f != path and (read := self._document(f, project))
        ]
        return [(path, *mine), *others]

    def _corpus(self, project: Project, documents: list[tuple[str, Document, Stamp | None]]) -> list[Diagnostic]:
        """The cross-document rules on the project, checking again only the documents that changed."""
        plan = project.corpus_plan
        checked: dict[str, tuple[Stamp, engine.DocumentResult]] = {}
        results = []
        with collector_paused():
            for path, document, stamp in documents:
                kept = project.checked.get(path)
                if kept is not None and stamp is not None and kept[0] == stamp:
                    result = kept[1]
                else:
                    result = engine.check_document(plan, document)
                if stamp is not None:
                    checked[path] = (stamp, result)
                results.append(result)
            project.checked = checked  # files gone from the project are forgotten
            return engine.finish(plan, results)

    def lint(self, path: str) -> Result:
        """The file's diagnostics: its own rules on it alone, the cross-document ones on the project."""
        path = os.path.abspath(path)
        project = self.project_for(path)
        read = self.documents(path, project)
        documents = [document for _, document, _ in read]
        plan = project.local_plan
        with collector_paused():
            found = engine.finish(plan, [engine.check_document(plan, documents[0])])
        shown = documents[0].path
        if project.corpus:
            seen = set(found)
            corpus = self._corpus(project, read)
            found += [d for d in corpus if d.path == shown and d not in seen]
            found.sort(key=Diagnostic.sort_key)
        by_path = {d.path: d for d in documents}
        report = build(found, by_path, len(documents))
        report.rules = project.info
        return Result(documents[0], found, report, project)


def _named(rules: Sequence[Rule], config: Config) -> frozenset[str]:
    """Every file the rules' string options could name, relative to the config's folder."""
    values = [
        v for rule in rules for value in rule.options.values() for v in (value if isinstance(value, list) else [value])
    ]
    return frozenset(os.path.abspath(os.path.join(config.root, v)) for v in values if isinstance(v, str) and v)


def uri_to_path(uri: str) -> str:
    from urllib.parse import unquote, urlparse

    parsed = urlparse(uri)
    return os.path.abspath(unquote(parsed.path)) if parsed.scheme == "file" else uri


def path_to_uri(path: str) -> str:
    return Path(path).absolute().as_uri()
