#!/usr/bin/env python3
"""Prints, for each query of one or more query files, how the query planner expands it:
every query word, then every expansion with the word it stands for, its origin, weight
and analysed terms. Query words without any expansion are flagged, to review the lexicon.

    eval/expansions.py [--index DIR] QUERIES.jsonl...
"""
import argparse
import json
import subprocess


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--index", default="index")
    parser.add_argument("--bin", default="target/release/tiaowen")
    parser.add_argument("queries", nargs="+")
    args = parser.parse_args()
    for path in args.queries:
        with open(path, encoding="utf-8") as f:
            queries = [json.loads(line) for line in f if line.strip()]
        for q in queries:
            out = subprocess.run(
                [args.bin, "search", "--json", "--explain", "--limit", "1", "--index", args.index,
                 q["query"]],
                capture_output=True, text=True, check=False)
            try:
                plan = json.loads(out.stdout).get("explanation") or {}
            except json.JSONDecodeError:
                plan = {}
            groups = plan.get("groups", [])
            print(f"{q['id']}\t{q['lang']}->{q.get('target_lang')}\t{q['query']}")
            sources = set()
            for g in groups:
                if g.get("expansion"):
                    sources.add(g.get("from"))
            for g in groups:
                if g.get("expansion"):
                    print(f"\t  + {g.get('word')} {g.get('terms')} <- {g.get('from')}"
                          f" [{g.get('origin')}] w={g.get('weight'):.2f}")
                else:
                    flag = "" if g.get("stop") else "  (no expansion?)"
                    if any(s and g.get("word") and g["word"][:4] in s.lower() for s in sources):
                        flag = ""
                    print(f"\t{g.get('word')}{' (stop)' if g.get('stop') else ''}{flag}")


if __name__ == "__main__":
    main()
