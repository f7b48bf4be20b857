"""Vocabulary lives in ``extractors/data``: the library's code holds no Arabic words of its own.

Every Arabic string literal in ``extractors/*.py`` and ``extractors/training/*.py`` (docstrings
and comments aside) must be grammar: a single letter (a clitic, a normalisation table entry), the
article, an inflection suffix or a set of clitic letters, or a grammar table named below. Regular
expression fragments (the date patterns) are not word lists and are left to their own tests.
"""
import ast
from pathlib import Path

import extractors

PACKAGE = Path(extractors.__file__).parent
SOURCES = sorted(PACKAGE.glob("*.py")) + sorted((PACKAGE / "training").glob("*.py"))

# Grammar that may stay in code: the article, dual/plural and pronoun suffixes, clitic letter sets.
GRAMMAR_LITERALS = {
    "ال",                                   # the article
    "ان", "ين", "ون", "تين", "تان", "ات",    # dual and plural endings
    "وا", "تا", "يت",                       # verb endings (وقعوا، وقعتا) and imperfect prefixes
    "ها", "هما", "هم", "هن", "كما", "كم", "كن", "نا",   # pronoun suffixes
    "وفبلك", "وفبل", "بلف", "بل", "وف", "هاي",         # sets of clitic or suffix letters
}
# Module-level tables that are grammar or orthography, by (file, name).
GRAMMAR_TABLES = {
    ("doc.py", "PROCLITICS"), ("doc.py", "PRONOUN_SUFFIXES"),
    ("ner.py", "SPLIT_PROCLITICS"), ("ner.py", "SPLIT_SUFFIXES"),
    ("normalize.py", "LETTER_MAP"), ("gazetteers.py", "BUCKWALTER"), ("spellings.py", "_LONG_VOWELS"),
}
REGEX_SYNTAX = ("(?", "\\", "[", "|")


def is_arabic_letter(ch: str) -> bool:
    return "\u0621" <= ch <= "\u064a"


def docstring_nodes(tree) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def skipped_nodes(tree, filename: str) -> set[int]:
    """Docstrings, grammar tables and the parts of f-strings (regular expressions)."""
    skipped = docstring_nodes(tree)
    for node in ast.walk(tree):
        targets = [t.id for t in getattr(node, "targets", []) if isinstance(t, ast.Name)]
        if isinstance(node, ast.Assign) and any((filename, t) in GRAMMAR_TABLES for t in targets) \
                or isinstance(node, ast.JoinedStr):
            skipped.update(id(n) for n in ast.walk(node.value if isinstance(node, ast.Assign) else node))
    return skipped


def arabic_words_in(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = skipped_nodes(tree, path.name)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Constant) or not isinstance(node.value, str) or id(node) in skipped:
            continue
        text = node.value
        letters = [ch for ch in text if is_arabic_letter(ch)]
        if len(letters) <= 1 or text in GRAMMAR_LITERALS or any(s in text for s in REGEX_SYNTAX):
            continue
        found.append(f"{path.parent.name}/{path.name}:{node.lineno}: {text!r}")
    return found


def test_the_extractors_code_holds_no_arabic_words():
    found = [hit for path in SOURCES for hit in arabic_words_in(path)]
    assert not found, "move these words to extractors/data (see its README):\n" + "\n".join(found)


def test_the_check_finds_word_sets_comparisons_and_maps(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        '"""Docstring with Arabic: وزير الخارجية."""\n'
        'BOUNDARY = ("قبل", "بعد")\n'
        'PLURALS = {"وزراء": "وزير"}\n'
        'def f(tok):\n'
        '    # a comment: في\n'
        '    return tok.norm == "في" or tok.text.startswith("نظير") or tok.bare.startswith("ال")\n',
        encoding="utf-8")
    found = [hit.split(": ", 1)[1] for hit in arabic_words_in(sample)]
    assert sorted(found) == sorted(["'قبل'", "'بعد'", "'وزراء'", "'وزير'", "'في'", "'نظير'"])
