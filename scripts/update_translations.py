"""Refresh the translation source from the code, fill in new translations, build the .qm.

    python scripts/update_translations.py [--fill FILE.json]

lupdate keeps every translation already in the .ts file and adds the new source texts as
unfinished. --fill takes {"Context": {"source text": "译文" | ["单数", "复数"]}} for them.
tests/gui/test_translations.py fails while any text is unfinished.

English is the source language, but its counted texts ("%n order(s)") need their two forms:
hotline_desk_en.ts holds only those (lupdate -pluralonly), filled here from the source
("(s)" dropped for one, "s" for more; ENGLISH_FORMS where the sentence changes too).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "hotline_desk_zh_CN.ts"
QM = TS.with_suffix(".qm")
TS_EN = TS.with_name("hotline_desk_en.ts")
QM_EN = TS_EN.with_suffix(".qm")

# Counted English texts whose singular changes more than "(s)": source → (one, more).
ENGLISH_FORMS = {
    "%n step(s) refused by the central store need your decision.": (
        "%n step refused by the central store needs your decision.",
        "%n steps refused by the central store need your decision.",
    ),
}


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "app" / "views").rglob("*.py"))


def lupdate(ts: Path = TS) -> None:
    subprocess.run(
        ["pyside6-lupdate", *sources(), "-no-obsolete", "-ts", str(ts)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def lupdate_english(ts: Path = TS_EN) -> None:
    """The counted texts only, for English's singular and plural."""
    options = ["-no-obsolete", "-pluralonly", "-locations", "none"]
    languages = ["-source-language", "en", "-target-language", "en"]
    subprocess.run(
        ["pyside6-lupdate", *sources(), *options, *languages, "-ts", str(ts)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def english_forms(source: str) -> tuple[str, str]:
    if source in ENGLISH_FORMS:
        return ENGLISH_FORMS[source]
    return source.replace("(s)", ""), source.replace("(s)", "s")


def fill_english(ts: Path = TS_EN) -> None:
    tree = ET.parse(ts)
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        if translation is None or message.get("numerus") != "yes":
            continue
        for child in list(translation):
            translation.remove(child)
        for form in english_forms(message.findtext("source") or ""):
            ET.SubElement(translation, "numerusform").text = form
        translation.attrib.pop("type", None)
    tree.write(ts, encoding="utf-8", xml_declaration=True)


def fill(mapping: dict[str, dict[str, object]], ts: Path = TS) -> int:
    tree = ET.parse(ts)
    filled = 0
    for context in tree.getroot().iter("context"):
        texts = mapping.get(context.findtext("name") or "", {})
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if translation is None or source not in texts:
                continue
            value = texts[source]
            if message.get("numerus") == "yes":
                forms = value if isinstance(value, list) else [value]
                for child in list(translation):
                    translation.remove(child)
                for form in forms[:1]:  # Chinese has one plural form
                    ET.SubElement(translation, "numerusform").text = str(form)
            else:
                translation.text = str(value)
            translation.attrib.pop("type", None)
            filled += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return filled


def unfinished(ts: Path = TS) -> list[str]:
    tree = ET.parse(ts)
    missing = []
    for context in tree.getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "vanished"):
                missing.append(f"{context.findtext('name')}: {message.findtext('source')}")
    return missing


def lrelease(ts: Path = TS, qm: Path = QM) -> None:
    subprocess.run(["pyside6-lrelease", str(ts), "-qm", str(qm)], check=True, capture_output=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--fill", type=Path)
    args = parser.parse_args()
    lupdate()
    if args.fill:
        print(f"filled {fill(json.loads(args.fill.read_text(encoding='utf-8')))} texts")
    lrelease()
    lupdate_english()
    fill_english()
    lrelease(TS_EN, QM_EN)
    missing = unfinished()
    for text in missing:
        print("unfinished:", text, file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
