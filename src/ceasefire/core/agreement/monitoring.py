"""How a mission monitors an agreement: its reporting day, the reply window, a joint commission.

These settings belong to the arrangement, not to the software: the OSCE mission's reporting day
ran 19:30–19:30 local time, a reply window is negotiated, and only some arrangements set up a
joint commission to review disputed findings. An agreement without a ``monitoring`` section
gets the defaults below.

>>> Monitoring().reply_window_hours, Monitoring().reporting_day.start
(48, '19:30')
>>> Monitoring(joint_commission=JointCommission(name="JCCC")).joint_commission.name
'JCCC'
"""

from __future__ import annotations

from datetime import time
from typing import Annotated

from pydantic import Field, StringConstraints

from ceasefire.core.agreement.base import PartyCode, Record, ShortText
from ceasefire.core.agreement.times import TimeZoneName

ClockTime = Annotated[
    str,
    StringConstraints(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$"),
    Field(description="a local clock time HH:MM (24 h)"),
]


class ReportingDay(Record):
    """When a reporting day starts and ends, in local wall-clock time of ``time_zone``."""

    start: ClockTime = "19:30"
    time_zone: TimeZoneName = "Europe/Kyiv"

    @property
    def start_time(self) -> time:
        """``start`` as a :class:`datetime.time`."""
        hour, minute = self.start.split(":")
        return time(int(hour), int(minute))


class JointCommission(Record):
    """A body of the parties (and possibly mediators) that reviews disputed findings."""

    name: ShortText
    members: list[PartyCode] = Field(
        default_factory=list, description="parties (or mediators) represented"
    )


class Monitoring(Record):
    """The monitoring arrangement's settings for one agreement."""

    reporting_day: ReportingDay = Field(default_factory=ReportingDay)
    reply_window_hours: int = Field(
        default=48, ge=1, le=24 * 30, description="hours the party concerned has to reply"
    )
    joint_commission: JointCommission | None = Field(
        default=None, description="set when disputed findings go to a joint commission"
    )
