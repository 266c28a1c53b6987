"""Emerging themes: an organisation's confirmed reports clustered by meaning, named by their
distinctive words, and shaped by reviewers in ways the next clustering keeps.

How a re-clustering keeps reviewers' edits (the rules `recluster` follows):

* **Identity by overlap.** A new cluster inherits the *family* holding most of its previously themed
  reports (at least half of them, and at least a quarter of the cluster); otherwise it is a new theme.
  Several clusters may inherit one family, so a theme the algorithm now sees as two stays one: themes
  do not churn under reviewers' feet. A renamed theme therefore keeps its name and its id.
* **Merges.** A merged theme points at the theme it went into (`merged_into`), and its reports moved
  there, so their previous theme is the survivor: the merge holds however the clusters fall.
* **Splits.** A theme made by a split remembers its parent (`split_from`); parent and children form a
  family. Inside a family every report stays in the theme it was in, and a new report joins the family
  theme with the nearest centroid. The reports a reviewer moved are pinned to where they were moved
  (latest decision wins), wherever the clustering puts them.
* A report the clustering leaves out (a cluster too small to be a theme) keeps its previous theme.
* A theme left with no reports fades (status `faded`): its name and decisions stay in the history.

Every edit is a `ThemeDecision` (who, when) and an audit entry. Counts shown to people go through
`protection.suppression`; `themes_over_time` gives raw monthly counts, by SQL, for callers that do.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np
from django.db import transaction
from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from django.utils import timezone
from django.utils.translation import gettext as _

from intelligence import clustering, vectors
from intelligence.models import ReportTheme, ReportVector, Theme, ThemeDecision
from protection.audit import audit
from reporting import services as reporting

logger = logging.getLogger(__name__)

MIN_THEME_SIZE = 5
INHERIT_SHARE = 0.5     # of a cluster's previously themed reports, held by one family
INHERIT_COVER = 0.25    # of the whole cluster, for it to continue that family rather than start a new theme
REPRESENTATIVES = 3


class ThemeError(ValueError):
    """An edit that cannot be made (the message is shown to the reviewer)."""


@dataclass(frozen=True)
class RunSummary:
    organisation_id: int
    reports: int
    themes: int
    new_themes: int
    unthemed: int
    method: str


# -- re-clustering ------------------------------------------------------------------------------------

def recluster(organisation_id: int, *, method: str = clustering.AGGLOMERATIVE) -> RunSummary:
    """Cluster the organisation's embedded, confirmed reports and store each one's theme."""
    ids, matrix = vectors.load_vectors(organisation_id)
    months = _months(organisation_id)
    keep = np.array([int(i) in months for i in ids], dtype=bool)
    ids, matrix = ids[keep], matrix[keep]
    labels = clustering.cluster(matrix, method=method, min_size=MIN_THEME_SIZE).labels
    # An edit made while the clustering ran would be overwritten: start again from its result.
    for _attempt in range(3):
        with transaction.atomic():
            last = ThemeDecision.objects.filter(organisation_id=organisation_id).order_by("-pk") \
                .values_list("pk", flat=True).first()
            summary = _apply(organisation_id, ids, matrix, labels, months, method)
            if last == ThemeDecision.objects.filter(organisation_id=organisation_id).order_by("-pk") \
                    .values_list("pk", flat=True).first():
                return summary
            transaction.set_rollback(True)
    return summary


def _months(organisation_id: int) -> dict[int, date]:
    """Each readable report's month of submission (the first day of it)."""
    return {pk: timezone.localtime(at).date().replace(day=1) if timezone.is_aware(at) else at.date().replace(day=1)
            for pk, at in reporting.readable_reports(organisation_id).values_list("pk", "submitted_at").iterator(2000)}


class _Lineage:
    """The organisation's themes, and how merges and splits tie them together."""

    def __init__(self, organisation_id: int):
        self.themes = {t.pk: t for t in Theme.objects.filter(organisation_id=organisation_id)}

    def resolve(self, theme_id: int | None) -> int | None:
        """Follow merges to the theme a report belongs in now; None for a faded theme."""
        seen = set()
        while theme_id is not None and theme_id not in seen:
            seen.add(theme_id)
            theme = self.themes.get(theme_id)
            if theme is None:
                return None
            if theme.status == Theme.Status.ACTIVE:
                return theme_id
            theme_id = theme.merged_into_id if theme.status == Theme.Status.MERGED else None
        return None

    def root(self, theme_id: int) -> int:
        """The theme a family of splits grew from (through merges, and safe against loops)."""
        seen = [theme_id]
        current = theme_id
        while True:
            parent = self.themes[current].split_from_id
            parent = self.resolve(parent) if parent is not None else None
            if parent is None or parent in seen:
                return current
            seen.append(parent)
            current = parent

    def family(self, root: int) -> list[int]:
        return sorted(pk for pk, t in self.themes.items() if t.status == Theme.Status.ACTIVE and self.root(pk) == root)


def _apply(organisation_id, ids, matrix, labels, months, method) -> RunSummary:
    lineage = _Lineage(organisation_id)
    row_of = {int(report_id): row for row, report_id in enumerate(ids)}
    previous: dict[int, int] = {}
    for report_id, theme_id in ReportTheme.objects.filter(organisation_id=organisation_id, theme__isnull=False) \
            .values_list("report_id", "theme_id").iterator(5000):
        resolved = lineage.resolve(theme_id)
        if resolved is not None and report_id in row_of:
            previous[report_id] = resolved

    assigned: dict[int, int] = {}
    new_themes = 0
    family_centroids: dict[int, np.ndarray] = {}

    def centroid_of(theme_id: int) -> np.ndarray | None:
        if theme_id not in family_centroids:
            rows = [row_of[r] for r, t in previous.items() if t == theme_id]
            stored = lineage.themes[theme_id].centroid
            family_centroids[theme_id] = clustering.centroid(matrix[rows]) if rows else \
                (vectors.from_bytes(stored) if stored else None)
        return family_centroids[theme_id]

    for label in sorted(set(labels.tolist()) - {clustering.NOISE}):
        members = [int(r) for r in ids[labels == label]]
        roots = Counter(lineage.root(previous[r]) for r in members if r in previous)
        old = sum(roots.values())
        heir = None
        if old:
            root, held = max(roots.items(), key=lambda item: (item[1], -item[0]))
            if held >= INHERIT_SHARE * old and held >= INHERIT_COVER * len(members):
                heir = root
        if heir is None:
            theme = Theme.objects.create(organisation_id=organisation_id)
            lineage.themes[theme.pk] = theme
            new_themes += 1
            assigned.update(dict.fromkeys(members, theme.pk))
            continue
        family = lineage.family(heir)
        for report_id in members:
            if previous.get(report_id) in family:
                assigned[report_id] = previous[report_id]
            elif len(family) == 1:
                assigned[report_id] = family[0]
            else:
                assigned[report_id] = _nearest(matrix[row_of[report_id]], family, centroid_of)
    # Left out by the clustering: stay where they were.
    for report_id, theme_id in previous.items():
        assigned.setdefault(report_id, theme_id)
    # Reviewers' moves win, the latest last.
    for decision in ThemeDecision.objects.filter(organisation_id=organisation_id, kind=ThemeDecision.Kind.SPLIT):
        target = lineage.resolve(decision.other_id)
        if target is not None:
            for report_id in decision.detail.get("moved", []):
                if report_id in row_of:
                    assigned[report_id] = target

    ReportTheme.objects.filter(organisation_id=organisation_id).delete()
    ReportTheme.objects.bulk_create(
        [ReportTheme(report_id=int(r), organisation_id=organisation_id, theme_id=assigned.get(int(r)),
                     month=months[int(r)]) for r in ids], batch_size=2000)
    active = set(assigned.values())
    faded = [t for pk, t in lineage.themes.items() if t.status == Theme.Status.ACTIVE and pk not in active]
    for theme in faded:
        theme.status, theme.size, theme.representatives = Theme.Status.FADED, 0, []
    Theme.objects.bulk_update(faded, ["status", "size", "representatives", "updated_at"])
    _describe(organisation_id, [lineage.themes[pk] for pk in sorted(active)], ids=ids, matrix=matrix,
              assigned=assigned)
    return RunSummary(organisation_id, len(ids), len(active), new_themes, len(ids) - len(assigned), method)


def _nearest(vector: np.ndarray, family: list[int], centroid_of) -> int:
    best, best_score = family[0], -np.inf
    for theme_id in family:
        c = centroid_of(theme_id)
        score = -np.inf if c is None else float(vector @ c)
        if score > best_score:
            best, best_score = theme_id, score
    return best


def _describe(organisation_id: int, themes: list[Theme], *, ids: np.ndarray | None = None,
              matrix: np.ndarray | None = None, assigned: dict[int, int] | None = None) -> None:
    """Size, centroid, representatives and distinctive terms of these themes, from their members now."""
    if not themes:
        return
    if ids is None:  # after an edit: only these themes' reports, and a sample of the rest as background
        assigned = dict(ReportTheme.objects.filter(organisation_id=organisation_id, theme__in=themes)
                        .values_list("report_id", "theme_id"))
        rest = list(ReportTheme.objects.filter(organisation_id=organisation_id).exclude(theme__in=themes)
                    .order_by("?").values_list("report_id", flat=True)[:clustering.LABEL_SAMPLE])
        ids, matrix = _vectors_of(organisation_id, [*assigned, *rest])
    row_of = {int(report_id): row for row, report_id in enumerate(ids)}
    members: dict[int, list[int]] = defaultdict(list)
    unthemed: list[int] = []
    for report_id in ids.tolist():
        theme_id = assigned.get(report_id)
        (members[theme_id] if theme_id is not None else unthemed).append(report_id)
    samples: dict[int, list[int]] = {}
    for theme in themes:
        own = np.asarray(members.get(theme.pk, []), dtype=np.int64)
        rows = [row_of[r] for r in own.tolist() if r in row_of]
        theme.size = len(own)
        theme.centroid = vectors.to_bytes(clustering.centroid(matrix[rows])) if rows else b""
        theme.representatives = clustering.representatives(own[[r in row_of for r in own.tolist()]], matrix[rows],
                                                           REPRESENTATIVES) if rows else []
        samples[theme.pk] = _sample(own.tolist(), theme.pk)
    # The rest of the organisation's reports, as the background the terms must stand out from.
    others = [r for pk, rs in members.items() if pk not in samples for r in rs] + unthemed
    background = _sample(others, 0)
    texts = _texts(organisation_id, [r for rs in samples.values() for r in rs] + background)
    terms = clustering.distinctive_terms([[texts.get(r, "") for r in samples[t.pk]] for t in themes],
                                         background=[texts.get(r, "") for r in background])
    for theme, found in zip(themes, terms, strict=True):
        theme.terms = found
        theme.auto_label = clustering.label_of(found)[:200]
        theme.status = Theme.Status.ACTIVE
    Theme.objects.bulk_update(themes, ["size", "centroid", "representatives", "terms", "auto_label", "status",
                                       "updated_at"])


def _vectors_of(organisation_id: int, report_ids: list[int]) -> tuple[np.ndarray, np.ndarray]:
    found: list[int] = []
    blobs: list[bytes] = []
    for start in range(0, len(report_ids), 2000):
        for report_id, blob in ReportVector.objects.filter(
                organisation_id=organisation_id, model=vectors.EMBEDDING_MODEL,
                report_id__in=report_ids[start:start + 2000]).values_list("report_id", "vector"):
            found.append(report_id)
            blobs.append(bytes(blob))
    matrix = np.frombuffer(b"".join(blobs), dtype="<f4").reshape(len(found), vectors.DIMENSIONS) if found else \
        np.zeros((0, vectors.DIMENSIONS), dtype=np.float32)
    return np.asarray(found, dtype=np.int64), matrix


def _sample(report_ids: list[int], seed: int) -> list[int]:
    if len(report_ids) <= clustering.LABEL_SAMPLE:
        return sorted(report_ids)
    return sorted(np.random.default_rng(seed).choice(sorted(report_ids), clustering.LABEL_SAMPLE, replace=False).tolist())


def _texts(organisation_id: int, report_ids: Iterable[int]) -> dict[int, str]:
    wanted = list(dict.fromkeys(report_ids))
    texts: dict[int, str] = {}
    for start in range(0, len(wanted), 1000):
        for report in reporting.reports_with_ids(organisation_id, wanted[start:start + 1000]):
            texts[report.pk] = reporting.readable_text(report)
    return texts


def recluster_all(*, method: str = clustering.AGGLOMERATIVE) -> list[RunSummary]:
    return [recluster(organisation_id, method=method) for organisation_id in reporting.organisation_ids_with_readable_reports()]


# -- reviewers' edits ---------------------------------------------------------------------------------

def _decide(access, kind: str, theme: Theme, *, by, other: Theme | None = None, detail: dict | None = None
            ) -> dict:
    """Record the decision; returns what its audit entry says (the caller audits it under its own name)."""
    if access.organisation.pk != theme.organisation_id:
        raise ThemeError(_("This theme belongs to another organisation."))
    decision = ThemeDecision.objects.create(organisation_id=theme.organisation_id, kind=kind, theme=theme,
                                            other=other, detail=detail or {}, decided_by=by)
    return {"actor": by, "organisation_id": theme.organisation_id, "subject": f"theme:{theme.pk}",
            "detail": {"decision": decision.pk, "other": other.pk if other else None,
                       **{k: v for k, v in (detail or {}).items() if k != "moved"},
                       **({"moved": len(detail["moved"])} if detail and "moved" in detail else {})}}


def _active(theme: Theme) -> None:
    if theme.status != Theme.Status.ACTIVE:
        raise ThemeError(_("This theme is no longer active."))


def rename(access, theme: Theme, name: str, *, by) -> Theme:
    """A reviewer's name for the theme; an empty name goes back to the automatic label."""
    _active(theme)
    name = " ".join(name.split())[:200]
    with transaction.atomic():
        theme.name = name
        theme.save(update_fields=["name", "updated_at"])
        audit("theme.renamed", **_decide(access, ThemeDecision.Kind.RENAME, theme, by=by, detail={"name": name}))
    return theme


def merge(access, theme: Theme, into: Theme, *, by) -> Theme:
    """Fold `theme` into `into`: its reports move there, and later clusterings keep them together."""
    if theme.pk == into.pk or theme.organisation_id != into.organisation_id:
        raise ThemeError(_("Choose a different theme to merge into."))
    _active(theme)
    _active(into)
    with transaction.atomic():
        moved = ReportTheme.objects.filter(organisation_id=theme.organisation_id, theme=theme).update(theme=into)
        theme.status, theme.merged_into, theme.size, theme.representatives = Theme.Status.MERGED, into, 0, []
        theme.save(update_fields=["status", "merged_into", "size", "representatives", "updated_at"])
        audit("theme.merged", **_decide(access, ThemeDecision.Kind.MERGE, theme, other=into, by=by,
                                        detail={"reports": moved}))
        _describe(theme.organisation_id, [into])
    return into


def split(access, theme: Theme, *, by, report_ids: Iterable[int] | None = None, name: str = "") -> Theme:
    """Move chosen reports (or, with none chosen, the smaller half of the theme re-clustered in two)
    into a new theme; later clusterings keep them apart. Returns the new theme."""
    _active(theme)
    members = member_ids(theme.organisation_id, theme)
    if report_ids is None:
        moved = _halve(theme.organisation_id, members)
    else:
        chosen = set(report_ids)
        moved = [r for r in members if r in chosen]
    if not moved or len(moved) >= len(members):
        raise ThemeError(_("Choose some, but not all, of the theme's reports to move."))
    with transaction.atomic():
        new = Theme.objects.create(organisation_id=theme.organisation_id, split_from=theme,
                                   name=" ".join(name.split())[:200])
        ReportTheme.objects.filter(organisation_id=theme.organisation_id, theme=theme, report_id__in=moved) \
            .update(theme=new)
        audit("theme.split", **_decide(access, ThemeDecision.Kind.SPLIT, theme, other=new, by=by,
                                       detail={"moved": sorted(moved), "name": new.name}))
        _describe(theme.organisation_id, [theme, new])
    return new


def _halve(organisation_id: int, members: list[int]) -> list[int]:
    """The smaller of two clusters the theme's reports fall into."""
    if len(members) < 2:
        return []
    from sklearn.cluster import AgglomerativeClustering

    ids, matrix = _vectors_of(organisation_id, members)
    if len(ids) < 2:
        return []
    halves = AgglomerativeClustering(n_clusters=2, linkage="ward").fit_predict(matrix)
    sizes = np.bincount(halves, minlength=2)
    smaller = int(np.argmin(sizes)) if sizes[0] != sizes[1] else int(halves[np.argmax(ids)])
    return sorted(int(r) for r in ids[halves == smaller])


# -- reading ------------------------------------------------------------------------------------------

def active_themes(organisation_id: int) -> list[Theme]:
    return list(Theme.objects.filter(organisation_id=organisation_id, status=Theme.Status.ACTIVE)
                .order_by("-size", "pk"))


def all_themes(organisation_id: int) -> list[Theme]:
    """Active themes first (largest first), then merged and faded ones, for choosing a theme to filter by."""
    order = {Theme.Status.ACTIVE: 0}
    found = Theme.objects.filter(organisation_id=organisation_id).order_by("-size", "pk")
    return sorted(found, key=lambda theme: order.get(theme.status, 1))


def theme_in(organisation_id: int, theme_id: int) -> Theme | None:
    """A theme of this organisation (never another's), whatever its status."""
    return Theme.objects.filter(organisation_id=organisation_id, pk=theme_id).first()


def current_theme(theme: Theme) -> Theme:
    """Where a merged theme's reports are now (itself otherwise)."""
    lineage = _Lineage(theme.organisation_id)
    resolved = lineage.resolve(theme.pk)
    return lineage.themes[resolved] if resolved is not None else theme


def member_ids(organisation_id: int, theme: Theme) -> list[int]:
    return list(ReportTheme.objects.filter(organisation_id=organisation_id, theme=theme)
                .order_by("-report_id").values_list("report_id", flat=True))


def report_ids_in(organisation_id: int, theme_id: int) -> list[int]:
    """The reports in a theme (a merged theme's id finds the theme it went into), for search filters."""
    theme = theme_in(organisation_id, theme_id)
    if theme is None:
        return []
    return sorted(member_ids(organisation_id, current_theme(theme)))


def report_ids_query(organisation_id: int, theme_id: int):
    """The same reports as a lazy `values_list` query, for `pk__in=` filters that stay in SQL."""
    theme = theme_in(organisation_id, theme_id)
    rows = ReportTheme.objects.filter(organisation_id=organisation_id)
    # An unknown theme id matches no rows of this organisation (never an empty subquery, which some
    # callers compile to SQL themselves).
    rows = rows.filter(theme_id=current_theme(theme).pk if theme is not None else theme_id)
    return rows.values_list("report_id", flat=True)


def theme_of(report_id: int) -> Theme | None:
    """The report's theme, for its page; None when it has none (yet)."""
    row = ReportTheme.objects.filter(report_id=report_id, theme__status=Theme.Status.ACTIVE).select_related("theme").first()
    return row.theme if row else None


def theme_title_of(report_id: int) -> str:
    """The title of the report's theme as plain words, for a copy that leaves the organisation
    (sharing); empty when it has none."""
    theme = theme_of(report_id)
    return theme.label if theme is not None else ""


def decisions_for(theme: Theme) -> list[ThemeDecision]:
    """The edits that touched this theme, oldest first."""
    return list(ThemeDecision.objects.filter(organisation_id=theme.organisation_id)
                .filter(Q(theme=theme) | Q(other=theme)).select_related("decided_by", "other", "theme")
                .order_by("decided_at", "pk"))


def last_run(organisation_id: int):
    return Theme.objects.filter(organisation_id=organisation_id).order_by("-updated_at") \
        .values_list("updated_at", flat=True).first()


def themes_over_time(organisation_id: int, *, months: int = 12, until: date | None = None,
                     theme_ids: Iterable[int] | None = None) -> tuple[list[date], dict[int, dict[date, int]]]:
    """Raw counts of reports per active theme and month of submission, for the last `months` months up
    to `until` (this month by default), by one GROUP BY. Callers publish them through
    protection.suppression. Returns (the months, oldest first; {theme id: {month: count}})."""
    end = (until or timezone.localdate()).replace(day=1)
    span = [_add_months(end, -i) for i in reversed(range(months))]
    rows = ReportTheme.objects.filter(organisation_id=organisation_id, theme__status=Theme.Status.ACTIVE,
                                      month__gte=span[0], month__lte=end)
    if theme_ids is not None:
        rows = rows.filter(theme_id__in=list(theme_ids))
    counts: dict[int, dict[date, int]] = defaultdict(dict)
    for theme_id, month, n in rows.order_by().values_list("theme_id", "month").annotate(n=Count("report_id")):
        counts[theme_id][month] = n
    return span, dict(counts)


def weekly_counts(organisation_id: int) -> list[tuple[Theme, dict[date, int]]]:
    """Raw report counts per active theme and week of submission (the Monday), by one GROUP BY, for
    spike detection; callers publish them through protection.suppression."""
    rows = (ReportTheme.objects.filter(organisation_id=organisation_id, theme__status=Theme.Status.ACTIVE)
            .annotate(week=TruncWeek("report__submitted_at")).order_by().values_list("theme_id", "week")
            .annotate(n=Count("report_id")))
    counts: dict[int, dict[date, int]] = defaultdict(dict)
    for theme_id, week, n in rows:
        counts[theme_id][week.date() if hasattr(week, "date") else week] = n
    themes = {theme.pk: theme for theme in Theme.objects.filter(pk__in=list(counts))}
    return [(themes[theme_id], weeks) for theme_id, weeks in counts.items()]


def _add_months(day: date, delta: int) -> date:
    index = day.year * 12 + day.month - 1 + delta
    return date(index // 12, index % 12 + 1, 1)


def trend_rows(organisation_id: int, themes: list[Theme], *, months: int = 6):
    """Each theme's reports by month of submission (the last `months`, plus "earlier") and in all,
    suppressed. Each row is its own suppressed breakdown and no column totals are published, so no
    number shown can be subtracted from another to reveal a hidden one; and the cost grows with the
    number of themes, where one big table's complementary suppression grows much faster.
    Returns (the months, [(theme, Breakdown)])."""
    from protection import suppression

    span, counts = themes_over_time(organisation_id, months=months, theme_ids=[t.pk for t in themes])
    earlier = dict(ReportTheme.objects.filter(organisation_id=organisation_id, theme_id__in=[t.pk for t in themes],
                                              month__lt=span[0]).order_by().values_list("theme_id")
                   .annotate(n=Count("report_id")))
    rows = [(theme, suppression.suppress_breakdown(
        [("earlier", earlier.get(theme.pk, 0)), *((m, counts.get(theme.pk, {}).get(m, 0)) for m in span)]))
        for theme in themes]
    return span, rows


def top_themes_between(organisation_id: int, start: date, end: date, *, limit: int = 5) -> list[tuple[Theme, int]]:
    """The active themes with the most reports submitted in the months from `start` to `end`, largest
    first, with their raw counts (months, never finer: ADR 0003), for a learning bulletin's draft.
    Callers publish the counts through protection.suppression."""
    rows = (ReportTheme.objects.filter(organisation_id=organisation_id, theme__status=Theme.Status.ACTIVE,
                                       month__gte=start.replace(day=1), month__lte=end)
            .order_by().values_list("theme_id").annotate(n=Count("report_id")).order_by("-n", "theme_id")[:limit])
    counts = dict(rows)
    found = {theme.pk: theme for theme in Theme.objects.filter(pk__in=list(counts))}
    return [(found[theme_id], n) for theme_id, n in counts.items() if theme_id in found]
