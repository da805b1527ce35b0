"""Revisions imported together (a publication pulled in one sync) leave the search index
exactly as importing them one by one would: the new words found, the old ones gone, an
article revised twice in one import indexed once with its last text."""

from __future__ import annotations

from app.store.kb.articles import KnowledgeBase
from app.store.workspace import Workspace
from tests.support.builders import article


def _ids(kb: KnowledgeBase, query: str) -> set[str]:
    return {h.id for h in kb.search(query, limit=50)}


def test_a_batch_of_revisions_reindexes_every_article(workspace: Workspace) -> None:
    kb = workspace.knowledge()
    kb.import_articles([article(n, answer=f"旧口径在市民中心办理{n}。") for n in range(40)])
    kb.record_usage("t-003", "我想问一下怎么补办")
    revised = [article(n, answer=f"新口径改为线上预约{n}。") for n in range(0, 40, 2)]
    twice = [
        article(5, answer="暂定到区政府大楼办理。"),
        article(5, answer="第二次修订改到街道服务站。"),
        article(99, answer="暂定在体育馆报名。"),
        article(99, answer="确定在图书馆报名。"),
    ]
    report = kb.import_articles([*revised, *twice, article(3, answer="新口径改为线上预约3。")])
    assert (report.created, report.updated) == (1, 24)
    assert _ids(kb, "线上预约") == {f"t-{n:03d}" for n in (*range(0, 40, 2), 3)}
    old = {f"t-{n:03d}" for n in range(1, 40, 2)} - {"t-003", "t-005"}
    assert _ids(kb, "市民中心") == old
    assert _ids(kb, "街道服务站") == {"t-005"} and _ids(kb, "区政府大楼") == set()
    assert _ids(kb, "图书馆") == {"t-099"} and _ids(kb, "体育馆") == set()
    assert _ids(kb, "补办") == {"t-003"}  # usage evidence kept through the revision
    assert kb.versions("t-005") == [1, 2, 3]
    # the same as one by one
    kb.reindex()
    assert _ids(kb, "线上预约") == {f"t-{n:03d}" for n in (*range(0, 40, 2), 3)}
    assert _ids(kb, "市民中心") == old
