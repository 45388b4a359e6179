"""Write the parsed copies of the built-in rule packs (rules/parsed/*.json).

Usage::

    python tools/build_packs.py

Run it after editing a pack in rules/. Each copy holds the pack as JSON and
the SHA-256 of the YAML text it was parsed from; contentlint reads the copy
instead of parsing the YAML (importing PyYAML alone costs a one-file run more
than reading every copy) and ignores a copy whose digest does not match.
tests/test_pack_screen.py fails while a copy is stale.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from contentlint.packs import parsed_copy_path, source_digest  # noqa: E402


def parsed_copy_text(pack: Path) -> str:
    raw = pack.read_text(encoding="utf-8")
    data = yaml.safe_load(raw)
    return json.dumps({"source-sha256": source_digest(raw), "pack": data}, ensure_ascii=False, indent=1) + "\n"


def main() -> int:
    packs = sorted((ROOT / "rules").glob("*.yml"))
    for pack in packs:
        target = parsed_copy_path(pack)
        target.parent.mkdir(exist_ok=True)
        target.write_text(parsed_copy_text(pack), encoding="utf-8")
        print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
