"""Cross-checks of a validated agreement: references between records and unique ids.

Each problem names the path of the bad field, e.g. ``terms[3].versions.RU.instrument: ...``.
"""

from __future__ import annotations

from collections.abc import Iterable

from ceasefire.core.agreement.model import Agreement


def _duplicates(field: str, ids: Iterable[str], noun: str) -> list[str]:
    seen: set[str] = set()
    problems = []
    for index, item in enumerate(ids):
        if item in seen:
            problems.append(f"{field}[{index}].{noun}: duplicate {noun} {item!r}")
        seen.add(item)
    return problems


def _unknown(path: str, value: str, known: set[str], what: str) -> list[str]:
    if value in known:
        return []
    listed = ", ".join(sorted(known)) or "none declared"
    return [f"{path}: unknown {what} {value!r} (declared: {listed})"]


def cross_check(agreement: Agreement) -> list[str]:
    """Every broken reference and duplicate id in ``agreement``, as path-prefixed messages."""
    problems: list[str] = []
    problems += _duplicates("parties", (p.code for p in agreement.parties), "code")
    problems += _duplicates("actors", (a.id for a in agreement.actors), "id")
    problems += _duplicates("instruments", (i.id for i in agreement.instruments), "id")
    problems += _duplicates("conditions", (c.id for c in agreement.conditions), "id")
    problems += _duplicates("terms", (t.id for t in agreement.terms), "id")
    problems += _duplicates("stances", (s.id for s in agreement.stances), "id")
    problems += _duplicates("weapon_classes", (w.id for w in agreement.weapon_classes), "id")
    layer_ids = [layer.id for _, layer in agreement.geography.layers()]
    for path, layer in agreement.geography.layers():
        if layer_ids.count(layer.id) > 1:
            problems.append(f"{path}.id: duplicate layer id {layer.id!r}")

    parties = {p.code for p in agreement.parties}
    instruments = {i.id for i in agreement.instruments}
    conditions = {c.id for c in agreement.conditions}
    terms = {t.id for t in agreement.terms}
    classes = {w.id for w in agreement.weapon_classes}

    for a_index, actor in enumerate(agreement.actors):
        for f_index, affiliation in enumerate(actor.affiliations):
            path = f"actors[{a_index}].affiliations[{f_index}].party"
            problems += _unknown(path, affiliation.party, parties, "party")
    for c_index, condition in enumerate(agreement.conditions):
        if condition.raised_by is not None:
            path = f"conditions[{c_index}].raised_by"
            problems += _unknown(path, condition.raised_by, parties, "party")
    for t_index, term in enumerate(agreement.terms):
        for party, version in term.versions.items():
            path = f"terms[{t_index}].versions.{party}"
            if party not in parties:
                problems.append(
                    f"{path}: unknown party {party!r} (declared: {', '.join(sorted(parties))})"
                )
            problems += _unknown(
                f"{path}.instrument", version.instrument, instruments, "instrument"
            )
            for e_index, step in enumerate(version.lifecycle):
                if step.instrument is not None:
                    problems += _unknown(
                        f"{path}.lifecycle[{e_index}].instrument",
                        step.instrument,
                        instruments,
                        "instrument",
                    )
            for p_index, condition_id in enumerate(version.conditions_precedent):
                problems += _unknown(
                    f"{path}.conditions_precedent[{p_index}]", condition_id, conditions, "condition"
                )
            for class_id in version.withdrawal_m:
                problems += _unknown(
                    f"{path}.withdrawal_m.{class_id}", class_id, classes, "weapon class"
                )
    for s_index, stance in enumerate(agreement.stances):
        path = f"stances[{s_index}]"
        problems += _unknown(f"{path}.party", stance.party, parties, "party")
        if stance.term is not None:
            problems += _unknown(f"{path}.term", stance.term, terms, "term")
        if stance.condition is not None:
            problems += _unknown(f"{path}.condition", stance.condition, conditions, "condition")
        for c_index, condition_id in enumerate(stance.conditions):
            problems += _unknown(
                f"{path}.conditions[{c_index}]", condition_id, conditions, "condition"
            )
    for l_index, line in enumerate(agreement.geography.reference_lines):
        if line.party is not None:
            path = f"geography.reference_lines[{l_index}].party"
            problems += _unknown(path, line.party, parties, "party")
    return problems
