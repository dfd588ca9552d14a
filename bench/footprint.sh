#!/usr/bin/env bash
# The install footprint of each documented way to install response-lint (README: Installing
# for each use): packages (pip list, less pip, setuptools and wheel) and MB (du -sm) of a
# fresh environment. Needs the network to the package index; takes a few minutes.
#   bench/footprint.sh            # from the repository root, with .venv (for pre-commit) set up
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
git -C "$ROOT" archive --format=tar --prefix=src/ HEAD | tar -x -C "$WORK"
SRC=$WORK/src
count() { "$1" -m pip list --format=freeze 2>/dev/null | grep -cv '^\(pip\|setuptools\|wheel\)=='; }
report() { printf '%-22s %3s packages  %4s MB\n' "$1" "$2" "$3"; }

python3 -m venv "$WORK/empty"
report "empty venv" 0 "$(du -sm "$WORK/empty" | cut -f1)"

python3 -m venv "$WORK/ci" && "$WORK/ci/bin/pip" install -q "$SRC" >/dev/null 2>&1
report "CI (pip install)" "$(count "$WORK/ci/bin/python")" "$(du -sm "$WORK/ci" | cut -f1)"

python3 -m venv "$WORK/pipx-tool" && "$WORK/pipx-tool/bin/pip" install -q pipx >/dev/null 2>&1
PIPX_HOME=$WORK/pipx PIPX_BIN_DIR=$WORK/pipx/bin PIPX_MAN_DIR=$WORK/pipx/man \
  "$WORK/pipx-tool/bin/pipx" install "$SRC" >/dev/null 2>&1
V=$WORK/pipx/venvs/response-lint
report "pipx install" "$(count "$V/bin/python")" "$(du -sm "$V" | cut -f1)"

(cd "$SRC" && git init -q && git add -A && git -c user.name=b -c user.email=b@example.org commit -qm footprint)
mkdir "$WORK/site" && git -C "$WORK/site" init -q
printf 'repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: response-lint\n' \
  "$SRC" "$(git -C "$SRC" rev-parse HEAD)" > "$WORK/site/.pre-commit-config.yaml"
(cd "$WORK/site" && PRE_COMMIT_HOME=$WORK/pc "$ROOT/.venv/bin/pre-commit" install-hooks >/dev/null 2>&1)
E=$(ls -d "$WORK"/pc/repo*/py_env-* | head -1)
report "pre-commit hook" "$(count "$E/bin/python")" "$(du -sm "$E" | cut -f1)"

python3 -m venv "$WORK/dev" && "$WORK/dev/bin/pip" install -q "$SRC[test]" >/dev/null 2>&1
report "development (.[test])" "$(count "$WORK/dev/bin/python")" "$(du -sm "$WORK/dev" | cut -f1)"
