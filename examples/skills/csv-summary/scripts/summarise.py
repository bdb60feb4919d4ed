#!/usr/bin/env python3
"""Print a compact profile of a CSV file: rows, and per column its inferred type and gaps."""
import csv
import sys
from collections import Counter


def infer(values):
    for kind, cast in (("int", int), ("float", float)):
        try:
            for v in values:
                if v:
                    cast(v)
            return kind
        except ValueError:
            continue
    return "text"


def main(path):
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    print(f"rows: {len(rows)}")
    for column in rows[0].keys() if rows else []:
        values = [row[column] for row in rows]
        missing = sum(1 for v in values if not v)
        top = Counter(v for v in values if v).most_common(3)
        print(f"{column}: {infer(values)}, missing {missing}, top {top}")


if __name__ == "__main__":
    main(sys.argv[1])
