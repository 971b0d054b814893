#!/usr/bin/env bash
# Scores eval/queries.jsonl (or the file given as $1, e.g. ../shared/eval/dev.jsonl)
# against the release binary:
#   cargo build --release -p tiaowen-cli && target/release/tiaowen ingest corpus --index index   (once)
#   eval/run.sh [QUERIES] [extra score.py flags, e.g. --quiet]
# INDEX (default: index) is the index folder; SCORE (default: ../shared/eval/score.py
# beside the repository) is the scorer.
set -euo pipefail
cd "$(dirname "$0")/.."
queries="${1:-eval/queries.jsonl}"
shift || true
score="${SCORE:-../shared/eval/score.py}"
bin="target/release/tiaowen"
if [[ ! -x "$bin" ]]; then
    echo "missing $bin: run cargo build --release -p tiaowen-cli first" >&2
    exit 2
fi
python3 eval/check_phrases.py "$queries" corpus > /dev/null || {
    echo "some relevant phrases of $queries do not occur in corpus/ (run eval/check_phrases.py)" >&2
    exit 2
}
exec python3 "$score" --queries "$queries" \
    --cmd "$bin search --json --limit 10 --index ${INDEX:-index}" "$@"
