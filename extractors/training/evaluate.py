"""An evaluation that cannot fool us: ``python -m extractors.training.evaluate`` (``make eval``).

* cross-validation: the learned parts are trained on four folds of the development articles
  (train.jsonl minus the validation split, plus dev.jsonl) and score the fifth, with the
  shared scorer; the five folds' predictions are scored together;
* the validation split (a fifth of train.jsonl, never trained on), scored only in aggregate
  with the committed models;
* ablations: each rule family and model switched off in turn, cross-validated;
* the most frequent error kinds and a per-type confusion table over the cross-validated run;
* spellings: the development articles as outlets with other orthographic habits write them
  (``spellings.py``), scored with the committed models against the plain text.

``--quick`` runs the cross-validation and validation rows only (CI), and ``--min-overall``
fails the run when the cross-validated overall score falls below it.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

from .assembly import (DEFAULT_SHARED, MERGE_SETTINGS, PARTICIPANT_SETTINGS, collecting_pipeline, examples, fit,
                       scorer)
from .agenda import sequences, train as train_agenda
from .spellings import SPELLINGS, rewritten
from .splits import FOLDS, development_articles, fold_of, validation_articles

METRICS = ("event_f1", "participant_f1", "type_acc", "location_acc", "date_acc", "agenda_f1", "overall")
ABLATIONS = ("entity_tagger", "tagged_people", "tagged_places_and_orgs", "participant_model", "merge_model", "agenda_model", "carried_subject", "dateline_place", "city_of_country", "sentence_place", "follow_up_agenda", "sentence_agenda", "earlier_agenda", "shared_agenda", "preceding_agenda", "follow_up_attendees", "types_per_clause", "titled_people", "given_name_people", "quoted_people", "places_and_orgs", "gazetteer_places",
             "surnames", "role_mentions", "inherited_subject", "subject_countries",
             "represented_countries", "separate_meetings", "fronted_subject",
             "visited_country", "remote_meetings", "absent_principals",
             "signers_after_link", "signings_at_events", "witnessed_signings", "dual_subjects", "apposed_people", "talks_told_on", "named_bodies", "single_traveller", "dated_asides", "previous_subject", "sides_of_a_reception",
             "travellers_destination", "relative_asides", "visited_person", "looking_back", "during_the_trip", "related_links", "future_prefix", "named_arrivals", "subjects_place", "planned_during_trip", "habits", "honoured_subject", "unnamed_subjects", "said_of_it", "dual_titled_people", "exchanged_documents", "past_periods", "traveller_after_lam", "bodies_of_delegations", "placeless_calls", "honoured_receiver", "bodies_of_members", "headed_bodies", "attendance_asides", "signing_sides", "earlier_ones", "place_before_where", "met_not_travelled", "officials_of_countries",
             "previous_calls", "unnamed_officials", "plain_titles", "signed_contracts",
             "governed_cities", "bodies_after_lam", "objects_told_on", "visited_kin", "second_calls",
             "title_word_names", "calls_on_officials", "surnames_over_places", "signed_decrees",
             "honorific_role_mentions", "envoys_after_titles", "bodies_in_titles",
             "compound_role_mentions", "signers_told_on", "calls_apart",
             "common_bodies", "bodies_of_the_named", "future_days_apart", "attended_all",
             "blessings", "envoys_after_titled_names", "relative_clauses",
             "principals_offices", "agenda_of_the_told", "handed_messages",
             "attendance_after_close", "accredited_cities",
             "lone_parent_names", "signings_between_bodies", "unnamed_tellings", "officials_as_objects", "other_occasions", "places_outside_titles", "bodies_as_written", "signed_before", "unnamed_heads", "quoted_bodies", "counterpart_titles", "venues_of_titles", "bodies_signed_for", "body_mentions", "bodies_for_purposes", "patronymic_prefixes", "said_by_spokesmen")


def predict(articles, pipeline) -> list[dict]:
    out = []
    for a in articles:
        result = pipeline.extract(a["text"], title=a.get("title"), published_at=a.get("published_at"),
                                  url=a.get("source_url"))
        out.append({"id": a["id"], "events": result["events"]})
    return out


def score(articles, predictions, shared=DEFAULT_SHARED, show=False) -> tuple[dict, str]:
    """The shared scorer's metrics (and its --show lines) for ``predictions`` of ``articles``."""
    module = scorer(shared)
    with tempfile.TemporaryDirectory() as tmp:
        gold, pred = Path(tmp, "gold.jsonl"), Path(tmp, "pred.jsonl")
        gold.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
        pred.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in predictions), encoding="utf-8")
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            module.main([str(gold), "--pred", str(pred), "--json"] + (["--show"] if show else []))
    lines = buffer.getvalue().strip().splitlines()
    return json.loads(lines[-1]), "\n".join(lines[:-1])


def cross_validate(articles, rows, disabled=frozenset(), shared=DEFAULT_SHARED, show=False,
                   participant_settings=PARTICIPANT_SETTINGS, merge_settings=MERGE_SETTINGS):
    """Predictions of every article by models that never saw its fold."""
    from extractors.pipeline import Pipeline

    participant_rows, merge_rows, agenda_rows = rows
    predictions = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(FOLDS):
            held = [a for a in articles if fold_of(a["id"]) == k]
            participants = fit([r for r in participant_rows if fold_of(r[2]) != k], **participant_settings)
            merge = fit([r for r in merge_rows if fold_of(r[2]) != k], **merge_settings)
            agenda = train_agenda([(f, y) for f, y, a in agenda_rows if fold_of(a) != k], Path(tmp, f"agenda{k}"))
            pipeline = Pipeline(participant_model=participants, merge_model=merge, agenda_model=agenda,
                                disabled=disabled)
            predictions += predict(held, pipeline)
    return score(articles, predictions, shared, show)


def learning_rows(articles, shared=DEFAULT_SHARED):
    """Everything the learned parts train on, computed once: rows carry their article id."""
    participant_rows, merge_rows = examples(articles, collecting_pipeline(), scorer(shared))
    agenda_rows = []
    for article in articles:
        agenda_rows += [(f, y, article["id"]) for f, y in sequences([article])]
    return participant_rows, merge_rows, agenda_rows


def error_kinds(show_text: str) -> Counter:
    kinds = Counter()
    for line in show_text.splitlines():
        line = line.strip()
        if line.startswith("MISSED"):
            kinds["missed event: " + line.split()[1]] += 1
        elif line.startswith("EXTRA"):
            kinds["extra event: " + line.split()[1]] += 1
        elif line.startswith("match"):
            gold_type, pred_type = line.split()[1].split("/")
            if gold_type != pred_type:
                kinds[f"wrong type: {gold_type} as {pred_type}"] += 1
            hits, total = line.split("participants ")[1].split()[0].split("/")
            if int(hits) < int(total):
                kinds["missed participant"] += int(total) - int(hits)
            extra = int(line.split("(+")[1].split()[0])
            if extra:
                kinds["extra participant"] += extra
            if "location=False" in line:
                kinds["wrong or missing place"] += 1
            if "date=False" in line:
                kinds["wrong or missing date"] += 1
            if "agenda_f1=0.0" in line:
                kinds["agenda missed entirely"] += 1
    return kinds


def confusion(show_text: str) -> Counter:
    table = Counter()
    for line in show_text.splitlines():
        line = line.strip()
        if line.startswith("match"):
            table[tuple(line.split()[1].split("/"))] += 1
        elif line.startswith("MISSED"):
            table[(line.split()[1], "—")] += 1
        elif line.startswith("EXTRA"):
            table[("—", line.split()[1])] += 1
    return table


def row(name: str, metrics: dict, base: dict | None = None) -> str:
    cells = []
    for k in METRICS:
        cell = f"{metrics[k]:.3f}"
        if base is not None:
            cell += f" ({metrics[k] - base[k]:+.3f})"
        cells.append(cell)
    return f"| {name} | " + " | ".join(cells) + " |"


def header(first: str) -> str:
    return f"| {first} | " + " | ".join(METRICS) + " |\n|" + "---|" * (len(METRICS) + 1)


def main(argv=None) -> int:
    from extractors.pipeline import Pipeline

    ap = argparse.ArgumentParser(prog="python -m extractors.training.evaluate", description=__doc__)
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    ap.add_argument("--quick", action="store_true", help="cross-validation and validation rows only")
    ap.add_argument("--min-overall", type=float, help="fail when the cross-validated overall is lower")
    args = ap.parse_args(argv)

    articles = development_articles(args.shared)
    validation = validation_articles(args.shared)
    rows = learning_rows(articles, args.shared)

    rules_only, _ = score(articles, predict(articles, Pipeline(participant_model=None, merge_model=None, agenda_model=None)), args.shared)
    cv, cv_show = cross_validate(articles, rows, shared=args.shared, show=True)
    val_rules, _ = score(validation, predict(validation, Pipeline(participant_model=None, merge_model=None, agenda_model=None)), args.shared)
    val, _ = score(validation, predict(validation, Pipeline()), args.shared)
    print(f"{len(articles)} development articles in {FOLDS} folds; {len(validation)} validation articles\n")
    print(header("run"))
    print(row("development, rules only", rules_only))
    print(row(f"development, {FOLDS}-fold cross-validated", cv))
    print(row("validation, rules only", val_rules))
    print(row("validation, committed models", val))

    if not args.quick:
        print("\nAblations (cross-validated; change against the full system)\n")
        print(header("switched off"))
        for name in ABLATIONS:
            metrics, _ = cross_validate(articles, rows, disabled={name}, shared=args.shared)
            print(row(name, metrics, cv))
        print("\nError kinds (cross-validated run)\n\n| error | count |\n|---|---|")
        for kind, n in error_kinds(cv_show).most_common(20):
            print(f"| {kind} | {n} |")
        print("\nType confusion (gold → predicted; — is none)\n\n| gold | predicted | count |\n|---|---|---|")
        for (gold, pred), n in sorted(confusion(cv_show).items()):
            print(f"| {gold} | {pred} | {n} |")
        print("\nSpellings (the development articles as other outlets write them, committed models; "
              "change against the plain text)\n")
        print(header("written with"))
        pipeline = Pipeline()
        plain, _ = score(articles, predict(articles, pipeline), args.shared)
        print(row("plain text", plain))
        for way in SPELLINGS:
            metrics, _ = score(articles, predict(rewritten(articles, way), pipeline), args.shared)
            print(row(way, metrics, plain))
    if args.min_overall is not None and cv["overall"] < args.min_overall:
        print(f"\ncross-validated overall {cv['overall']:.3f} is below {args.min_overall}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
