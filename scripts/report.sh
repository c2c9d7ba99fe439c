#!/usr/bin/env bash
# Sets up (scripts/setup.sh) and runs the main job: the Haidian 2022 report from the bundled data.
# Arguments are passed to `python -m haidian report`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
exec .venv/bin/python -m haidian report "$@"
