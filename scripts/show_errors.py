"""Print the facts extraction missed and got wrong on a gold directory, for one kind.

Usage: python scripts/show_errors.py tests/data/dev movements [FIELD ...]
"""

import sys

from sahel_analysis.article import Article
from sahel_analysis.evaluate import load_gold, mismatches
from sahel_analysis.facts import extract

gold_dir, kind, *fields = sys.argv[1:]
for gold, path in load_gold(gold_dir):
    text = path.read_text(encoding="utf-8")
    article = Article.from_text(
        text, id=gold["id"], published=gold.get("published"), source=gold.get("source")
    )
    pred = extract(article).to_dict()
    missed, wrong = mismatches(gold, pred, article.text, kind)
    if not missed and not wrong:
        continue
    print(f"== {gold['id']}")
    for label, records in (("MISSED", missed), ("WRONG ", wrong)):
        for r in records:
            shown = {k: r.get(k) for k in (fields or r) if k not in {"evidence", "doc_id"}}
            print(f"  {label} {shown}")
            if label == "WRONG " and "evidence" in r:
                print(f"         <- {r['evidence'][:160]}")
