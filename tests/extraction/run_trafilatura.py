#!/usr/bin/env python3
"""Runs trafilatura on a folder of pages for tools/extraction_eval.sh.

    run_trafilatura.py PAGES_DIR OUT.json [--no-comments]

Reads every <key>.html.gz / <key>.html (decompressed and decoded as UTF-8
before timing, as the article-extraction benchmark's runner does), calls
trafilatura.extract(html) (its defaults; --no-comments adds
include_comments=False, the benchmark's own setting) on each page, and writes
{"pages_per_second": N, "predictions": {key: {"articleBody": text}}}, where
N is pages per CPU second of this process (time.process_time, so other load
on the machine does not count, as for our extractor).
"""
import gzip
import json
import pathlib
import sys
import time

import trafilatura


def main() -> int:
    pages_dir = pathlib.Path(sys.argv[1])
    out = pathlib.Path(sys.argv[2])
    kwargs = {"include_comments": False} if "--no-comments" in sys.argv[3:] else {}
    pages = []
    for path in sorted(pages_dir.iterdir()):
        if path.name.endswith(".html.gz"):
            with gzip.open(path, "rt", encoding="utf8", errors="replace") as f:
                pages.append((path.name[: -len(".html.gz")], f.read()))
        elif path.name.endswith(".html"):
            pages.append((path.name[: -len(".html")], path.read_text("utf8", errors="replace")))
    predictions = {}
    start = time.process_time()
    for key, html in pages:
        predictions[key] = {"articleBody": trafilatura.extract(html, **kwargs) or ""}
    seconds = time.process_time() - start
    out.write_text(json.dumps({
        "pages_per_second": len(pages) / seconds if seconds > 0 else 0.0,
        "trafilatura_version": trafilatura.__version__,
        "predictions": predictions,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
