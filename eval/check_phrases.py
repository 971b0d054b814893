#!/usr/bin/env python3
"""Checks that every relevant phrase of a queries file occurs in the corpus.

    python3 eval/check_phrases.py [eval/queries.jsonl] [corpus]

Reads Markdown, text and HTML files (tags stripped) and PDFs (through poppler's
`pdftotext` when it is installed; skipped otherwise), normalises them the way score.py does
(NFKC, lower case, no white space) and prints, for each phrase, the files that contain it.
Exits 1 if a phrase occurs nowhere (without `pdftotext`, a phrase found in no other file is
reported as unchecked instead, as it may be in a PDF).
"""
import html, json, pathlib, re, shutil, subprocess, sys, unicodedata

WS = re.compile(r"\s+")


def norm(s):
    return WS.sub("", unicodedata.normalize("NFKC", s).lower())


def corpus_texts(root):
    pdftotext = shutil.which("pdftotext")
    if not pdftotext:
        print("pdftotext not found: phrases in PDFs are not checked", file=sys.stderr)
    for path in sorted(pathlib.Path(root).rglob("*")):
        if path.suffix.lower() == ".pdf" and pdftotext:
            done = subprocess.run([pdftotext, str(path), "-"], capture_output=True, text=True)
            yield str(path.relative_to(root)), norm(done.stdout)
            continue
        if path.suffix.lower() not in {".md", ".txt", ".html", ".htm"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix.lower() in {".html", ".htm"}:
            text = re.sub(r"(?is)<(script|style).*?</\1>", " ", text)
            text = html.unescape(re.sub(r"<[^>]+>", " ", text))
        yield str(path.relative_to(root)), norm(text)


def main():
    here = pathlib.Path(__file__).resolve().parent
    queries = sys.argv[1] if len(sys.argv) > 1 else here / "queries.jsonl"
    root = sys.argv[2] if len(sys.argv) > 2 else here.parent / "corpus"
    texts = list(corpus_texts(root))
    pdfs_read = shutil.which("pdftotext") is not None
    missing = unchecked = 0
    for line in open(queries, encoding="utf-8"):
        if not line.strip() or line.startswith("#"):
            continue
        q = json.loads(line)
        for rel in q["relevant"]:
            for phrase in rel["phrases"]:
                found = [name for name, text in texts if norm(phrase) in text]
                if not found and pdfs_read:
                    missing += 1
                elif not found:
                    unchecked += 1
                print(f"{q['id']}\t{len(found)}\t{phrase}\t{', '.join(found[:3])}")
    print(f"missing={missing}" + (f" unchecked={unchecked}" if unchecked else ""))
    sys.exit(1 if missing else 0)


if __name__ == "__main__":
    main()
