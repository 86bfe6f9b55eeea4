#!/usr/bin/env python3
"""Format check for a hand-annotated case-note file (JSON Lines, inline [TYPE:surface] markup).

Why: the held-out set is written by hand and scored once; a typo in its markup would silently
change the score. This checks the shape only (never the engine): every line is JSON with id,
genre, text and subject; markup brackets balance and do not nest; every TYPE is an EntityType;
NHS numbers pass mod 11 and NI numbers have a valid prefix. It prints counts per type and genre.

Usage: python3 .ci/check-annotated-notes.py src/test/resources/redaction/heldout-notes.jsonl
"""
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENUM = (ROOT / "src/main/java/org/proportion/redact/EntityType.java").read_text()
TYPES = set(re.findall(r"\b([A-Z][A-Z_]+)\b\s*[,;]?", ENUM.split("{", 1)[1])) - {"NHS", "NI"}
MARKUP = re.compile(r"\[([A-Z_]+):([^\[\]]+)\]")


def nhs_ok(s):
    d = re.sub(r"\D", "", s)
    if len(d) != 10:
        return False
    c = 11 - sum(int(x) * w for x, w in zip(d[:9], range(10, 1, -1))) % 11
    c = 0 if c == 11 else c
    return c != 10 and c == int(d[9])


def ni_ok(s):
    v = re.sub(r"\s", "", s).upper()
    return (re.fullmatch(r"[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]", v) is not None
            and v[:2] not in {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})


def main(path):
    errors, types, genres, words, ids = [], Counter(), Counter(), [], []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        try:
            note = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"line {n}: not JSON ({e.msg})")
            continue
        nid = note.get("id", f"line {n}")
        ids.append(nid)
        for key in ("id", "genre", "text"):
            if not isinstance(note.get(key), str) or not note[key]:
                errors.append(f"{nid}: missing {key}")
        subject = note.get("subject")
        if subject is not None and not (isinstance(subject.get("names"), list)
                                        and isinstance(subject.get("addresses"), list)):
            errors.append(f"{nid}: subject needs names and addresses lists")
        text = note.get("text", "")
        spans = MARKUP.findall(text)
        if not spans:
            errors.append(f"{nid}: no annotation")
        rest = MARKUP.sub("", text)
        if "[" in rest or "]" in rest:
            errors.append(f"{nid}: unbalanced or nested brackets")
        for t, surface in spans:
            if t not in TYPES:
                errors.append(f"{nid}: unknown type {t}")
            if surface != surface.strip():
                errors.append(f"{nid}: span with outer spaces '{t}'")
            if t == "NHS_NUMBER" and not nhs_ok(surface):
                errors.append(f"{nid}: NHS number fails mod 11")
            if t == "NI_NUMBER" and not ni_ok(surface):
                errors.append(f"{nid}: NI number has an invalid prefix or shape")
            types[t] += 1
        genres[note.get("genre")] += 1
        words.append(len(MARKUP.sub(lambda m: m.group(2), text).split()))
    if len(ids) != len(set(ids)):
        errors.append("duplicate ids")
    for e in errors:
        print("ERROR", e)
    print(f"notes: {len(ids)}; genres: {len(genres)}; spans: {sum(types.values())}; "
          f"words per note: min {min(words)}, median {sorted(words)[len(words) // 2]}, max {max(words)}")
    for t in sorted(TYPES, key=lambda x: ENUM.index(x)):
        print(f"  {t:<13}{types[t]:>5}")
    for g, c in sorted(genres.items()):
        print(f"  {c:>3}  {g}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
