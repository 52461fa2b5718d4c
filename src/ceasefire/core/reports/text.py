"""The report's methodology and limitations, in plain words, with the period's own settings."""

from __future__ import annotations

from ceasefire.core.reports.period import ReportingPeriod


def methodology(period: ReportingPeriod) -> tuple[str, ...]:
    """How the figures were made."""
    start = period.start_time.strftime("%H:%M")
    return (
        f"Reporting day. The report for {period.day:%-d %B %Y} covers {period.label()}: from "
        f"{start} {period.zone_words} on the previous day to {start} on the report's date. "
        "A day is 23 or 25 hours long across a clock change.",
        "Incidents. Reports from monitors, sensors, the parties and open sources are clustered "
        "into incidents: one incident is one event however many reports describe it. The unit "
        "of every count here is the incident unless a table says otherwise; parties count "
        "episodes, drone uses or 'violations', and those are never added to ours.",
        "Confidence. Confirmed: two independent monitor or sensor sources, one of which saw it "
        "or has imagery (or precise imagery alone); probable: a monitor or sensor that saw it, "
        "or one that heard it plus another independent source; possible: a monitor of lower "
        "standing, or two independent sources none of them a monitor; unverified: one "
        "provenance only, not a monitor (a party's complaint alone). Discounted incidents "
        "are not counted.",
        "Attribution. An incident is attributed to a party only on evidence of who fired "
        "(direction of fire seen by the mission, crater analysis, corroborated imagery). A "
        "party's claim alone never attributes. Contested and not attributable are normal "
        "outcomes; every per-party figure shows how much of the total it covers.",
        "Findings. Each incident is held against each term in force under each party's own "
        "version of it (window, zone, scope). Each test is three-valued: when the evidence "
        "straddles a window or zone edge, or attribution is unknown, the finding is "
        "indeterminate, never a violation. Each finding carries its rule trace.",
        "Regions are Ukraine's oblasts (geoBoundaries, CC BY 4.0); the line of contact is the "
        "DeepStateMap snapshot valid on the day. The map uses no internet tiles.",
    )


def limitations(period: ReportingPeriod, *, not_located: int, unattributed: int) -> tuple[str, ...]:
    """What the figures cannot say."""
    located = (
        (
            f"{not_located:,} incident(s) could not be located and are counted under "
            "'not located', not in any region.",
        )
        if not_located
        else ()
    )
    return (
        "No violations recorded is not no violations: counts depend on where the monitors "
        "could look. Read them beside the observation effort and the restrictions listed.",
        f"{unattributed:,} incident(s) in this period could not be attributed to a party; "
        "per-party figures are lower bounds.",
        *located,
        "Figures for a period can change as late reports arrive; a later report shows the "
        "change as a correction with its reason, never by silently editing a published figure.",
        "The parties' claims are reproduced as made, in their own units; they are not verified "
        "by this report.",
    )
