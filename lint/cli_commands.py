"""The ``outline``, ``rules``, ``rule``, ``merge`` and ``clean`` commands, for :mod:`lint.cli`.

Kept apart from the parser so that :mod:`lint.cli` stays the argument parsing and
the ``check`` command.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any

from lint.escape import say

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def split(values: Sequence[str] | None) -> list[str] | None:
    """Comma-separated values of a repeatable option, flattened (None when never given)."""
    if values is None:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def report_options(args: argparse.Namespace) -> dict[str, Any]:
    """The :class:`lint.app.CheckOptions` fields that ``check`` and ``merge`` both take: the
    report (format, output, colour), the rules (select, extend-select, ignore, config) and
    the exit code (fail-on)."""
    return {
        "format": args.format,
        "output": args.output,
        "select": split(args.select),
        "extend_select": split(args.extend_select) or [],
        "ignore": split(args.ignore) or [],
        "fail_on": args.fail_on,
        "config": args.config,
        "color": args.color,
    }


def _merge(args: argparse.Namespace) -> int:
    from lint.app import CheckOptions, check

    options = CheckOptions(**report_options(args))
    options.merge = args.files
    return check(options).exit_code


def _clean(args: argparse.Namespace) -> int:
    from lint import resultcache
    from lint.config import for_paths

    folder = resultcache.folder_for(for_paths(args.paths, args.config))
    if folder is None:
        print("response-lint: the result cache is off (RESPONSE_LINT_RESULT_CACHE is empty)", file=sys.stderr)
    elif resultcache.clean(folder):
        print(f"response-lint: removed {folder}", file=sys.stderr)
    else:
        print(f"response-lint: no result cache at {folder}", file=sys.stderr)
    return EXIT_OK


def _outline(args: argparse.Namespace) -> int:
    from lint.app import read_documents
    from lint.config import for_paths
    from lint.files import collect
    from lint.outline import outline

    config = for_paths(args.files, args.config)
    files, missing = collect(args.files, config.include, config.exclude, config.respect_gitignore)
    if missing:
        say(f"{missing[0]}: no such file or folder", "error")
        return EXIT_ERROR
    if not files:
        say(f"no files to outline in {', '.join(args.files)}", "error")
        return EXIT_ERROR
    documents = read_documents(files, config)
    data = [outline(d) for d in documents]
    single = len(args.files) == 1 and files == args.files  # one file named: its outline, not a list
    import json

    json.dump(data[0] if single else data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return EXIT_OK


def _rules(args: argparse.Namespace) -> int:
    from lint import engine
    from lint.config import for_paths

    config = for_paths(["."], args.config)
    if args.test:
        from lint.examples import run_example

        rules, tested = engine.choose_rules(config, every=True)  # as check would: names checked, files read
        failed = 0
        for rule in tested:
            for index, example in enumerate(rule.examples):
                result = run_example(rule, index, example, config)
                if not result.ok:
                    failed += 1
                    print(f"{rule.source}: examples[{index}] ({example.verdict}): {result.problem}")
        total = sum(len(r.examples) for r in rules.values())
        print(f"{total - failed} passed, {failed} failed")
        return EXIT_FINDINGS if failed else EXIT_OK
    rules = engine.available_rules(config)
    if args.json:
        import json

        json.dump(
            [
                {
                    "name": r.name,
                    "check": r.check,
                    "severity": str(r.severity),
                    "default": r.default,
                    "fixable": r.fixable,
                    "summary": r.summary,
                    "source": str(r.source),
                }
                for r in sorted(rules.values(), key=lambda r: r.name)
            ],
            sys.stdout,
            indent=2,
        )
        sys.stdout.write("\n")
        return EXIT_OK
    width = max((len(name) for name in rules), default=4)
    for rule in sorted(rules.values(), key=lambda r: r.name):
        flags = ("" if rule.default else " (opt-in)") + (" (fixable)" if rule.fixable else "")
        print(f"{rule.name:<{width}}  {rule.severity!s:<7}  {rule.summary}{flags}")
    return EXIT_OK


def _rule(args: argparse.Namespace) -> int:
    from lint import engine
    from lint.config import for_paths
    from lint.ruledoc import explain

    rules = engine.available_rules(for_paths(["."], args.config))
    if args.name not in rules:
        from lint.suggest import hint

        suggestion = hint(args.name, rules) or "; see 'response-lint rules'"
        say(f"no rule named {args.name!r}{suggestion}", "error")
        return EXIT_ERROR
    sys.stdout.write(explain(rules[args.name]))
    return EXIT_OK


def _links(args: argparse.Namespace) -> int:
    from lint.links.report import command

    return command(args.config, args.link_history, args.format, args.failing, sys.stdout)


def _lsp(args: argparse.Namespace) -> int:
    from lint.lsp import main as serve  # pygls is imported only here

    return serve()


def jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return jobs


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "outline": _outline,
    "rules": _rules,
    "rule": _rule,
    "clean": _clean,
    "merge": _merge,
    "links": _links,
    "lsp": _lsp,
}
