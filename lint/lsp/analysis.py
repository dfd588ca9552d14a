"""What the editor server knows, without the protocol: buffers, configs, the workspace's documents.

A file is linted with the configuration ``check`` would use (found upward from its
folder) together with the other response files of its project (the config's folder,
else the editor's workspace folder), so that the cross-document rules see them;
an open buffer's unsaved text takes precedence over the file on disk. Documents read
from disk are kept until the file changes (by its modification time and size).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lint import checks, engine, outputs, source
from lint.config import Config, for_paths
from lint.files import collect
from lint.model import Diagnostic, Document
from lint.report import Report, RuleInfo, build
from lint.rules import Rule


@dataclass
class Project:
    """One configuration and what it selects; the documents under its folder.

    ``local`` are the rules that look at one document at a time (with the suppression
    post-pass), ``corpus`` the rules that compare documents (with the post-pass too):
    a change to one buffer re-runs ``local`` on it alone and ``corpus`` on them all.
    """

    config: Config
    rules: list[Rule]
    folder: str
    local: list[Rule] = field(default_factory=list)
    corpus: list[Rule] = field(default_factory=list)
    info: dict[str, RuleInfo] = field(default_factory=dict)
    disk: dict[str, tuple[tuple[float, int], Document]] = field(default_factory=dict)
    files: list[str] | None = None  # the response files under ``folder`` (found once; refreshed on save)
    alone: bool = False  # a file outside any config and workspace folder: linted on its own
    known: frozenset[str] = frozenset()  # every rule name a suppression may name (the rules loaded once)

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
        """A new or deleted file changes the set of the project's response files."""
        here = os.path.abspath(path)
        for project in self._projects.values():
            if project.files is not None and here.startswith(project.folder) and here not in project.files:
                project.files = None

    # documents -------------------------------------------------------------------------------
    def _document(self, path: str, project: Project) -> Document | None:
        config = project.config
        shown = project.shown(path)
        text = self.buffers.get(path)
        if text is not None:
            return source.parse_bytes(shown, text.encode("utf-8"), config.reader, config.format_of(path))
        try:
            stat = os.stat(path)
        except OSError:
            return None
        stamp = (stat.st_mtime, stat.st_size)
        cached = project.disk.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        document = source.load(path, config.reader, config.format_of(path), config.max_file_size)
        if document.path != shown:
            from dataclasses import replace

            document = replace(document, path=shown)
        project.disk[path] = (stamp, document)
        return document

    def _project_files(self, project: Project) -> list[str]:
        if project.alone:
            return []
        if project.files is None:
            config = project.config
            found, _ = collect([project.folder], config.include, config.exclude, config.respect_gitignore)
            project.files = [os.path.abspath(f) for f in found]
        return project.files

    def documents(self, path: str, project: Project) -> list[Document]:
        """The file's document first, then the project's other response files (buffers win)."""
        path = os.path.abspath(path)
        mine = self._document(path, project)
        if mine is None:
            mine = source.parse_bytes(project.shown(path), b"", project.config.reader)
        others = [
            d for f in self._project_files(project) if f != path and (d := self._document(f, project)) is not None
        ]
        return [mine, *others]

    def lint(self, path: str) -> Result:
        """The file's diagnostics: its own rules on it alone, the cross-document ones on the project."""
        path = os.path.abspath(path)
        project = self.project_for(path)
        documents = self.documents(path, project)
        found = engine.run(documents[:1], project.local, project.config, known=project.known)
        shown = documents[0].path
        if project.corpus:
            seen = set(found)
            corpus = engine.run(documents, project.corpus, project.config, known=project.known)
            found += [d for d in corpus if d.path == shown and d not in seen]
            found.sort(key=Diagnostic.sort_key)
        by_path = {d.path: d for d in documents}
        report = build(found, by_path, len(documents))
        report.rules = project.info
        return Result(documents[0], found, report, project)


def uri_to_path(uri: str) -> str:
    from urllib.parse import unquote, urlparse

    parsed = urlparse(uri)
    return os.path.abspath(unquote(parsed.path)) if parsed.scheme == "file" else uri


def path_to_uri(path: str) -> str:
    return Path(path).absolute().as_uri()
