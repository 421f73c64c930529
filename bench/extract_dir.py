"""Extract facts from every *.txt / *.html article of a folder into OUT/<slug>.json.

    python bench/extract_dir.py DEV_DIR OUT_DIR

Each file gets exactly what `kg extract` prints: read, extract, then link offline
with the bundled gazetteer (so score.py's `wikidata:` line measures the linker too).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from kg.errors import InputError
from kg.ingest.pipeline import facts_for
from kg.linking.gazetteer import default_gazetteer
from kg.linking.linker import Linker


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    src, out = Path(argv[0]), Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    failed = 0
    linker = Linker(default_gazetteer())
    for path in sorted(src.iterdir()):
        if path.suffix.lower() not in (".txt", ".html", ".htm"):
            continue
        try:
            facts = facts_for(str(path), linker=linker)
        except InputError as exc:
            print(f"error: {exc.message}", file=sys.stderr)
            failed += 1
            continue
        (out / f"{path.stem}.json").write_text(json.dumps(facts, ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
