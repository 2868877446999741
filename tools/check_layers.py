#!/usr/bin/env python3
"""Checks that every #include "services/..." in services/ points with the flow.

The folders of services/ in flow order, as layers. A file may include its own
folder and any folder of an earlier layer; folders of one layer are
independent of each other. wirectl (the command-line client and offline
tools) comes last and may include anything; tests/ and tools/ are not
checked.

usage: tools/check_layers.py [ROOT]   (ROOT holds services/; default: .)
Prints the rules, the folder graph (folder -> folders it includes, with the
number of include lines) and every include that points against the flow;
exits 1 if there is one, or if a folder is missing from the table.
"""
import collections
import os
import re
import sys

# Folders under services/, in flow order: (layer, folders, what they hold).
LAYERS = [
    ("common/text", ["ingest/common/text"], "text helpers every stage uses (encodings, whitespace, SHA-256)"),
    ("common", ["ingest/common"],
     "records passed between stages, status macros, clock, error policy, DLQ reasons, small helpers"),
    ("metrics", ["ingest/metrics"], "metrics registry, health, the ops HTTP server"),
    ("kafka", ["ingest/kafka"], "consumer, producer, log reader: the only code that includes librdkafka"),
    ("normalize/rules", ["ingest/normalize/rules"], "parser contract and the record rules every format shares"),
    ("normalize/wire", ["ingest/normalize/wire"], "ANPA-1312, IPTC 7901, keyword and version lines"),
    ("normalize/xml, json", ["ingest/normalize/xml", "ingest/normalize/json"],
     "XML formats (NITF, NewsML, feeds, Ritzau); JSON formats (ninjs, AP Media)"),
    ("normalize/page", ["ingest/normalize/page"], "scraped pages: HTML and page text"),
    ("normalize", ["ingest/normalize"], "format detection, the Normalizer, enrichment, story ids"),
    ("fingerprint, tag", ["ingest/fingerprint", "ingest/tag"], "canonical text and near-dup signatures; sections"),
    ("view", ["ingest/view"], "the fold and its RocksDB store"),
    ("serve", ["ingest/serve"], "gRPC service and subscriptions"),
    ("ingest", ["ingest"], "ingestd: main, the server and the wiring of the stages"),
    ("wirectl", ["wirectl"], "command-line client and offline tools (may include anything)"),
]

INCLUDE = re.compile(r'^\s*#\s*include\s+"services/([^"]+)"', re.M)


def rank_of():
    return {folder: i for i, (_, folders, _) in enumerate(LAYERS) for folder in folders}


def allowed(src, dst, ranks):
    return src == dst or ranks[dst] < ranks[src] or src == "wirectl"


def scan(root):
    """Yields (file, line number, source folder, included folder, include)."""
    services = os.path.join(root, "services")
    for dirpath, _, names in sorted(os.walk(services, followlinks=True)):
        for name in sorted(names):
            if not name.endswith((".h", ".cc")):
                continue
            path = os.path.join(dirpath, name)
            src = os.path.relpath(dirpath, services)
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read()
            for m in INCLUDE.finditer(text):
                line = text.count("\n", 0, m.start()) + 1
                yield (os.path.relpath(path, root), line, src, os.path.dirname(m.group(1)), m.group(1))


def main(argv):
    root = argv[1] if len(argv) > 1 else "."
    ranks = rank_of()
    graph = collections.Counter()
    seen = set()
    errors = []
    for path, line, src, dst, include in scan(root):
        seen.add(src)
        for folder in (src, dst):
            if folder not in ranks:
                errors.append("%s:%d: folder services/%s is not in the table of tools/check_layers.py; "
                              "add it to the layer where it sits in the flow" % (path, line, folder))
        if src not in ranks or dst not in ranks:
            continue
        if src != dst:
            graph[(src, dst)] += 1
        if not allowed(src, dst, ranks):
            why = ("folders of one layer do not include each other" if ranks[src] == ranks[dst]
                   else "dependencies point from later stages to earlier ones only")
            errors.append("%s:%d: includes services/%s: %s (layer %d, %s) may not include %s (layer %d, %s); %s"
                          % (path, line, include, src, ranks[src] + 1, LAYERS[ranks[src]][0],
                             dst, ranks[dst] + 1, LAYERS[ranks[dst]][0], why))
    missing = sorted(f for f in ranks if f not in seen)
    for folder in missing:
        errors.append("folder services/%s from the table holds no .h/.cc file with an include here "
                      "(a missing folder, or missing from the test's data)" % folder)

    print("Layers, in flow order (a folder may include its own and earlier layers'):")
    for i, (name, folders, what) in enumerate(LAYERS):
        print("  %2d  %-32s %s" % (i + 1, ", ".join(f.replace("ingest/", "") for f in folders) + "/", what))
    print("\nFolder graph (services/ folder -> folders it includes, include lines):")
    for src in sorted({s for s, _ in graph}, key=lambda f: (ranks[f], f)):
        outs = sorted(((d, n) for (s, d), n in graph.items() if s == src), key=lambda x: (ranks[x[0]], x[0]))
        print("  %-24s -> %s" % (src, ", ".join("%s (%d)" % (d, n) for d, n in outs)))
    if errors:
        print("\n%d include(s) against the flow or outside the table:" % len(errors))
        for e in errors:
            print("  " + e)
        return 1
    print("\nOK: every include points with the flow.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
