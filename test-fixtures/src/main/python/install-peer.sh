#!/usr/bin/env bash
# Installs the official Python client (huggingface_hub with hf_xet, versions pinned in requirements.txt)
# into test-fixtures/.python-peer, the one virtualenv every module's peer tests use (PythonPeer.java).
# Run by this module's build when the marker is missing; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/../../.."
venv=.python-peer
marker=$venv/installed-2.0.0-1.6.0
[ -f "$marker" ] && exit 0
command -v python3 >/dev/null || { echo "python3 is needed for the Python peer tests (Python 3.10+ with venv)" >&2; exit 1; }
# huggingface_hub 2.0.0 and several of its pinned dependencies require Python 3.10 or newer.
python3 -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)' || {
  echo "Python 3.10+ is needed for the Python peer tests; python3 is $(python3 -V 2>&1)" >&2; exit 1; }
rm -rf "$venv"
python3 -m venv "$venv"
# --retries 0: an index that cannot be reached answers at once instead of after minutes of retries;
# the machine's pip configuration says which indexes serve the wheels.
"$venv/bin/pip" install --quiet --disable-pip-version-check --retries 0 --timeout 10 \
  -r src/main/python/requirements.txt
"$venv/bin/python" -c 'import huggingface_hub, hf_xet; assert huggingface_hub.__version__ == "2.0.0", huggingface_hub.__version__'
touch "$marker"
echo "Python peer installed in test-fixtures/$venv"
