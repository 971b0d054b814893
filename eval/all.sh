#!/usr/bin/env bash
# Scores every query set against the release binary and prints, per set, overall nDCG@10
# and the four language slices, then the means the README reports: over the read sets
# (dev, queries, blind, final, fresh, later, next, recent, night, plain) and over the sets
# nobody tuned to (holdout, unseen, last, cold, sealed, winter, spring, summer, autumn,
# frost, thaw, bloom, ember, dusk, haze, gale, tide, reef, mist, dawn, noon, brook, marsh,
# grove, fern, glade, heath, ridge, knoll). Only aggregates are printed.
#   cargo build --release -p tiaowen-cli
#   target/release/tiaowen ingest corpus --index /tmp/eval-index
#   INDEX=/tmp/eval-index bash eval/all.sh
# INDEX (default: index) is the index folder; SCORE (default: ../shared/eval/score.py
# beside the repository) is the scorer.
set -euo pipefail
cd "$(dirname "$0")/.."
score="${SCORE:-../shared/eval/score.py}"
bin="target/release/tiaowen"
if [[ ! -x "$bin" ]]; then
    echo "missing $bin: run cargo build --release -p tiaowen-cli first" >&2
    exit 2
fi
read_sets="dev queries blind final fresh later next recent night plain"
unread_sets="holdout unseen last cold sealed winter spring summer autumn frost thaw bloom ember dusk haze gale tide reef mist dawn noon brook marsh grove fern glade heath ridge knoll"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
for set in $read_sets $unread_sets; do
    file="eval/$set.jsonl"
    [[ "$set" == dev ]] && file="../shared/eval/dev.jsonl"
    python3 "$score" --queries "$file" --quiet \
        --cmd "$bin search --json --limit 10 --index ${INDEX:-index}" > "$out/$set.txt"
done
python3 - "$out" "$read_sets" "$unread_sets" <<'PY'
import sys

out, groups = sys.argv[1], {"read": sys.argv[2].split(), "unread": sys.argv[3].split()}
slices = ("overall", "en->en", "en->zh", "zh->en", "zh->zh")
print("set      " + " ".join(f"{s:>8}" for s in slices))
for name, sets in groups.items():
    overall = []
    for set_name in sets:
        figures = {}
        for line in open(f"{out}/{set_name}.txt", encoding="utf-8"):
            fields = line.rstrip("\n").split("\t")
            if len(fields) > 2 and fields[2].startswith("nDCG@10="):
                figures[fields[0]] = float(fields[2].split("=")[1])
        overall.append(figures["overall"])
        cells = (f"{figures[s]:8.3f}" if s in figures else f"{'-':>8}" for s in slices)
        print(f"{set_name:8} " + " ".join(cells))
    print(f"{name} mean {sum(overall) / len(overall):.4f}")
PY
