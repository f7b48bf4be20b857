"""The learned parts: their committed files, their training, and the quality gate."""
import filecmp

from extractors.agenda import MODEL_PATH as AGENDA_PATH, AgendaTagger
from extractors.participants import MERGE_MODEL_PATH, MODEL_PATH, LinearModel
from extractors.pipeline import Pipeline
from extractors.training import agenda as agenda_training
from extractors.training import assembly, evaluate
from extractors.training.splits import development_articles, is_validation, read_jsonl, validation_articles


def test_linear_model_round_trip(tmp_path):
    model = LinearModel({"side=before": 1.5, "rules": 0.5}, -1.0, threshold=0.6, keep_threshold=0.2)
    model.save(tmp_path / "m.json")
    loaded = LinearModel.load(tmp_path / "m.json")
    features = {"side=before": 1.0, "rules": 1.0}
    assert loaded.probability(features) == model.probability(features) > 0.7
    assert loaded.accepts({"rules": 1.0}, chosen_by_rules=True)       # 0.38 ≥ keep threshold
    assert not loaded.accepts({"rules": 1.0}, chosen_by_rules=False)  # 0.38 < threshold


def test_committed_models_load():
    assert LinearModel.load(MODEL_PATH).weights
    assert LinearModel.load(MERGE_MODEL_PATH).weights
    assert AgendaTagger.load(AGENDA_PATH) is not None


def test_missing_model_files_leave_the_rules(tmp_path):
    assert LinearModel.load(tmp_path / "absent.json") is None
    assert AgendaTagger.load(tmp_path / "absent.crfsuite") is None


def test_agenda_tagger_finds_a_topic(pipeline):
    text = ("استقبل وزير الخارجية العماني بدر البوسعيدي اليوم في مسقط وزير الخارجية الإيراني عباس عراقجي، "
            "وناقش الجانبان سبل تطوير التعاون في مجال الطاقة المتجددة.")
    (event,) = pipeline.extract(text, published_at="2024-03-10")["events"]
    assert any("الطاقة المتجددة" in a["text"] for a in event["agenda"])


def test_reports_of_one_meeting_are_one_event(pipeline):
    text = ("التقى وزير الدفاع الإيطالي غيدو كروسيتو اليوم في روما وزير الدفاع التونسي خالد السهيلي. "
            "وخلال اللقاء بحث كروسيتو والسهيلي التعاون العسكري. وقال السهيلي إن اللقاء كان مثمرا.")
    events = pipeline.extract(text, published_at="2024-03-10")["events"]
    assert len(events) == 1
    assert {p["name"] for p in events[0]["participants"]} == {"غيدو كروسيتو", "خالد السهيلي"}


def test_one_host_two_guests_stay_two_meetings(pipeline):
    text = ("استقبل الرئيس القبرصي نيكوس خريستودوليدس اليوم في نيقوسيا وزير الخارجية اليوناني جورج جيرابيتريتيس. "
            "كما استقبل خريستودوليدس في اليوم نفسه وزير الخارجية المصري سامح شكري.")
    events = [e for e in pipeline.extract(text, published_at="2024-03-10")["events"] if e["type"] == "meeting"]
    assert len(events) == 2


def test_the_validation_split_never_trains(shared_dir):
    development = development_articles(shared_dir)
    validation = validation_articles(shared_dir)
    train_ids = {a["id"] for a in read_jsonl(shared_dir / "eval" / "train.jsonl")}
    assert validation and all(is_validation(a["id"]) for a in validation)
    assert not {a["id"] for a in validation} & {a["id"] for a in development}
    assert {a["id"] for a in validation} | {a["id"] for a in development if a["id"] in train_ids} == train_ids


def test_training_is_reproducible(shared_dir, tmp_path):
    articles = development_articles(shared_dir)[:10]
    participants, merges = assembly.examples(articles)
    first = assembly.fit(participants, **assembly.PARTICIPANT_SETTINGS)
    second = assembly.fit(participants, **assembly.PARTICIPANT_SETTINGS)
    assert first.weights == second.weights and first.bias == second.bias
    sequences = agenda_training.sequences(articles)
    agenda_training.train(sequences, tmp_path / "a.crfsuite")
    agenda_training.train(sequences, tmp_path / "b.crfsuite")
    assert filecmp.cmp(tmp_path / "a.crfsuite", tmp_path / "b.crfsuite", shallow=False)


def test_rules_only_pipeline_differs_from_the_learned_one(shared_dir):
    """The models are really consulted: switching them off changes some answer."""
    articles = development_articles(shared_dir)[:25]
    learned = evaluate.predict(articles, Pipeline())
    rules = evaluate.predict(articles, Pipeline(participant_model=None, merge_model=None, agenda_model=None))
    assert learned != rules


def test_quality_gate(shared_dir, capsys):
    """Cross-validated quality on the development articles stays above the floor (make eval --quick)."""
    assert evaluate.main(["--shared", str(shared_dir), "--quick", "--min-overall", "0.84"]) == 0
    assert "5-fold cross-validated" in capsys.readouterr().out


def test_the_typed_event_round_trips_through_json(pipeline):
    from extractors.model import Event

    text = "استقبل وزير الخارجية المصري سامح شكري اليوم في القاهرة نظيره الأردني أيمن الصفدي لبحث الأوضاع في غزة."
    (event,) = pipeline.events(text, published_at="2024-03-10")
    assert isinstance(event, Event) and event.type == "meeting"
    assert all(text[m.start:m.end] == m.text for p in event.participants for m in p.mentions)
    as_json = event.as_dict()
    assert Event.from_dict(as_json) == event
    assert as_json == pipeline.extract(text, published_at="2024-03-10")["events"][0]
