"""Every reference to the project's docs points at a file and a section that exist, and no
file names a design document that is not in the repository."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SOURCES = ("app", "server", "tests", "bench", "scripts", "resources/policy", ".ci")
SUFFIXES = {".py", ".md", ".json", ".toml", ".spec", ""}

# A doc cited from code or text: docs/<name>.md, optionally #<section anchor>.
CITED = re.compile(r"docs/([\w.-]+\.md)(?:#([\w-]+))?")
# A relative Markdown link inside docs/ or the README: [text](target#anchor).
LINK = re.compile(r"\]\((?!https?:|mailto:)([^)#\s]*)(?:#([^)\s]+))?\)")
# Design notes kept outside the repository; a newcomer who clones it cannot read them.
OUTSIDE = re.compile("|".join(("ARCH" + "ITECTURE\\.md", "DOM" + "AIN\\.md", r"\.\./" + "shared")))


def slug(heading: str) -> str:
    """The anchor GitHub gives a Markdown heading."""
    text = heading.strip().lower().replace("`", "")
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    found: set[str] = set()
    in_code = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            in_code = not in_code
        elif not in_code and (m := re.match(r"#{1,6} (.+)", line)):
            found.add(slug(m.group(1)))
    return found


def project_files() -> list[Path]:
    files = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]
    for folder in SOURCES:
        base = ROOT / folder
        if base.is_dir():
            files += sorted(p for p in base.rglob("*") if p.is_file() and p.suffix in SUFFIXES)
    return [p for p in files if "__pycache__" not in p.parts]


def test_slug_follows_github() -> None:
    assert slug("Sign-in, tokens and availability") == "sign-in-tokens-and-availability"
    assert slug("The chain in the product") == "the-chain-in-the-product"
    assert slug("Appeal types and reply limits") == "appeal-types-and-reply-limits"
    assert slug("Command line (`--home`)") == "command-line---home"


def test_every_cited_doc_and_section_exists() -> None:
    missing = []
    for path in project_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        for m in CITED.finditer(text):
            doc, anchor = DOCS / m.group(1), m.group(2)
            where = f"{path.relative_to(ROOT)}: {m.group(0)}"
            if not doc.is_file():
                missing.append(where + " (no such file)")
            elif anchor and anchor not in anchors(doc):
                missing.append(where + " (no such section)")
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize(
    "page", [ROOT / "README.md", *sorted(DOCS.glob("*.md"))], ids=lambda p: p.name
)
def test_relative_links_resolve(page: Path) -> None:
    broken = []
    for m in LINK.finditer(page.read_text(encoding="utf-8")):
        target, anchor = m.group(1), m.group(2)
        path = (page.parent / target).resolve() if target else page
        if not path.exists():
            broken.append(f"{m.group(0)} (no such file)")
        elif anchor and path.suffix == ".md" and anchor not in anchors(path):
            broken.append(f"{m.group(0)} (no such section)")
    assert not broken, "\n".join(broken)


# A file or folder of the project named in the docs: app/…, server/…, tests/… and so on.
NAMED_PATH = re.compile(r"(?<![\w/.-])(?:app|server|tests|bench|scripts|resources|docs)/[\w./-]*")


@pytest.mark.parametrize(
    "page", [ROOT / "README.md", *sorted(DOCS.glob("*.md"))], ids=lambda p: p.name
)
def test_every_path_the_docs_name_exists(page: Path) -> None:
    """A file moved or renamed is followed in the docs that point a newcomer at it."""
    missing = sorted(
        {
            m.group(0).rstrip(".,")
            for m in NAMED_PATH.finditer(page.read_text(encoding="utf-8"))
            if not (ROOT / m.group(0).rstrip(".,")).exists()
        }
    )
    assert not missing, f"{page.name} names what is not there: {missing}"


def test_no_file_names_a_design_document_outside_the_repository() -> None:
    offences = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in project_files()
        for number, line in enumerate(
            path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1
        )
        if OUTSIDE.search(line)
    ]
    assert not offences, "\n".join(offences)


def test_the_architecture_names_every_package_of_the_layers() -> None:
    """The packages-by-feature table stays true as packages come and go."""
    text = (DOCS / "architecture.md").read_text(encoding="utf-8")
    for layer in ("views", "store"):
        for package in sorted((ROOT / "app" / layer).iterdir()):
            if (package / "__init__.py").is_file():
                assert f"`{package.name}/" in text, (
                    f"app/{layer}/{package.name}: add it to docs/architecture.md's packages table"
                )
    for module in sorted((ROOT / "app" / "operations").glob("*.py")):
        if module.stem != "__init__":
            named = re.search(rf"`(app/operations/)?{module.stem}(\.py)?`", text)
            assert named, f"app/operations/{module.name}: add it to docs/architecture.md's table"
