"""The JAR engine's pipe handling, driven by a stand-in process that speaks Farasa's
interactive line protocol (one line of words in, one line of segmented words out)."""
import os
import signal
import sys
import textwrap

import pytest

from extractors.segmenter import FarasaJarEngine, load_engine

STAND_IN = textwrap.dedent(r'''
    import sys
    KNOWN = {"وبطرابلس": "و+ب+طرابلس", "بطرابلس": "ب+طرابلس", "الوزير": "ال+وزير",
             "الوفد": "ال+وفد", "المصري": "ال+مصري"}
    for line in sys.stdin:
        print(" ".join(KNOWN.get(w, w) for w in line.split()), flush=True)
''')


@pytest.fixture
def engine(tmp_path):
    script = tmp_path / "stand_in.py"
    script.write_text(STAND_IN, encoding="utf-8")
    eng = FarasaJarEngine(script, argv=[sys.executable, str(script)])
    yield eng
    eng.close()


def test_one_long_lived_process_answers_many_requests(engine):
    assert engine.segment_words(["وبطرابلس", "الوزير", "باشاغا"]) == [["و", "ب", "طرابلس"], ["ال", "وزير"], ["باشاغا"]]
    pid = engine.process._proc.pid
    assert engine.segment_words(["الوفد"]) == [["ال", "وفد"]]
    assert engine.process._proc.pid == pid  # no process per request


def test_a_dead_process_is_restarted_on_the_next_request(engine):
    engine.segment_words(["الوفد"])
    old = engine.process._proc
    os.kill(old.pid, signal.SIGKILL)
    old.wait(timeout=5)
    assert engine.segment_words(["بطرابلس"]) == [["ب", "طرابلس"]]
    assert engine.process._proc.pid != old.pid


def test_a_newline_inside_a_word_cannot_desynchronise_the_protocol(engine):
    engine.segment_words(["الوفد\nالمصري"])
    # had the newline reached the child, this answer would be the previous one's second line
    assert engine.segment_words(["بطرابلس"]) == [["ب", "طرابلس"]]


def test_jar_engine_is_chosen_when_a_jar_is_configured(tmp_path):
    missing = tmp_path / "absent.jar"
    with pytest.raises(RuntimeError):
        load_engine({"FARASA_ENGINE": "jar", "FARASA_JAR": str(missing)})
    assert load_engine({"FARASA_ENGINE": "auto", "FARASA_JAR": str(missing)}).name == "pyfarasa"
    jar = tmp_path / "FarasaSegmenterJar.jar"
    jar.write_bytes(b"PK")
    engine = load_engine({"FARASA_JAR": str(jar)})
    assert engine.name == "farasa-jar" and engine.info["jar"] == jar.name
