#!/usr/bin/env python3
"""Turns HuffPost News Category Dataset JSON lines into the labelled TSV that
make_default_model reads (LABEL<TAB>HEADLINE<TAB>TEXT, see linear_trainer.h).

    prepare_training_data.py LABELS.tsv OUT.tsv INPUT.jsonl [INPUT.jsonl ...]

Each input line is one record ({"category", "headline", "short_description",
"link", ...}); its category goes through LABELS.tsv (data/huffpost_labels.tsv)
to a media topic, or is dropped ("-", or a category the table does not list,
which is reported). Records are deduplicated by link, then by headline and
text, and written sorted by link, so the output does not depend on the order
or the overlap of the inputs. Standard library only.
"""
import collections
import json
import sys


def read_labels(path):
    labels = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            category, topic = line.split("\t")
            labels[category] = topic
    return labels


def clean(text):
    return " ".join(str(text or "").replace("\\n", " ").split())


def main(argv):
    if len(argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    labels = read_labels(argv[1])
    records = {}
    unknown = collections.Counter()
    bad = 0
    for path in argv[3:]:
        with open(path, encoding="utf-8") as f:
            for line in f:
                try:
                    record = json.loads(line)
                except ValueError:
                    bad += 1
                    continue
                category = record.get("category", "")
                topic = labels.get(category)
                if topic is None:
                    unknown[category] += 1
                    continue
                if topic == "-":
                    continue
                headline = clean(record.get("headline"))
                text = clean(record.get("short_description"))
                if not headline and not text:
                    continue
                link = record.get("link") or (headline + "\t" + text)
                records[link] = (topic, headline, text)
    seen = set()
    per_topic = collections.Counter()
    with open(argv[2], "w", encoding="utf-8") as out:
        for link in sorted(records):
            topic, headline, text = records[link]
            if (headline, text) in seen:
                continue
            seen.add((headline, text))
            per_topic[topic] += 1
            out.write(f"{topic}\t{headline}\t{text}\n")
    print(f"wrote {sum(per_topic.values())} stories to {argv[2]}; "
          f"{bad} unreadable lines; categories not in the table: {dict(unknown)}")
    for topic, count in sorted(per_topic.items()):
        print(f"  {topic:16} {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
