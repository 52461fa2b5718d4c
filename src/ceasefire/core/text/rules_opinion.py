"""The writer's own opinion: evaluative words, "should", rhetorical questions, editorializing.

A quoted or attributed opinion ("…, a local official said") is reporting, not the writer's:
callers only ask about sentences with no attribution and no record.

>>> is_opinion("This shameful truce is a farce.", opinion_piece=False)
True
>>> is_opinion("Drones struck a depot on Tuesday.", opinion_piece=True)
False
"""

from __future__ import annotations

import re

# strong cues: the writer judges
_STRONG = re.compile(
    r"\b(?:shameful|disgraceful|outrageous|cynical|hypocri\w+|farce|charade|sham|mockery|"
    r"(?:is|was|a|pure)\s+propaganda|theatre|so-called|obvious(?:ly)?|of\s+course|undoubtedly|"
    r"it\s+is\s+clear|there\s+is\s+no\s+doubt|should|ought\s+to|deserves?|"
    r"bears?\s+(?:full\s+|part\s+of\s+the\s+|the\s+)?(?:responsibility|blame)|"
    r"real\s+(?:attitude|intentions?|face|aim)|true\s+(?:face|intentions?)|as\s+usual|"
    r"utmost\s+restraint|(?:stood|stands?)\s+(?:silent|idly)|cannot\s+be\s+trusted|"
    r"never\s+wanted|only\s+on\s+paper|no\s+exception|isolated\s+incidents?|the\s+pattern|"
    r"is\s+not\s+a\s+(?:truce|ceasefire|peace)|let\s+us|we\s+must|must\s+insist|"
    r"anything\s+less|fragile|nothing\s+in\s+return|patient|luck|honest(?:ly)?|shame|"
    r"absurd|naive|reckless|criminal\s+regime|terrorist\s+regime|blatant|brazen|"
    r"(?:it|this|that)\s+is\s+(?:how|why|what)|deliberate\s+lie|lies)\b",
    re.I,
)
# weak cues: hedged, hypothetical or generic present-tense judgement
_WEAK = re.compile(
    r"\b(?:would|could|might|must|cannot|never|nobody|none|every\s+one|each\s+side|"
    r"always|merely|only|real|simply|clearly|surely|truly|prove[sd]?|consider|"
    r"not\s+one|no\s+more\s+than|is\s+not|are\s+not|was\s+none|blame)\b",
    re.I,
)
# reporting cues: the sentence tells facts
_REPORTING = re.compile(
    r"\b(?:said|says|told|reported|according\s+to|announced|denied|\d{1,2}\s+(?:January|"
    r"February|March|April|May|June|July|August|September|October|November|December)|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|last\s+week|next\s+week|"
    r"yesterday|today)\b|\d",
    re.I,
)


def is_opinion(sentence: str, opinion_piece: bool, headline: bool = False) -> bool:
    """Whether an unattributed sentence carrying no record is the writer's own judgement."""
    text = sentence.strip()
    if opinion_piece:
        if headline or (text.endswith("?") and not re.match(r"(?:Question|Q)\s*:", text)):
            return True
        if _STRONG.search(text):
            return True
        if re.match(r"(?:Consider|Imagine|Remember|Look\s+at)\b", text):
            return True
        if _REPORTING.search(text):
            return False
        return bool(_WEAK.search(text)) or bool(re.match(r"(?:Consider|Imagine|Remember)\b", text))
    # the cheaper test first: a reporting sentence is never the writer's opinion here
    return not _REPORTING.search(text) and bool(_STRONG.search(text))
