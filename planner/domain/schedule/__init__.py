"""Plan generation and replanning: pure, deterministic, `today` passed in.

The modules: `calendar` (days, capacity, the board), `units` (the checklist as one plan uses
it), `timed` (timed practice, rule 4), `fit` (compression, rule 7), `specs` (sessions as
placement specs, placed ones as tasks), `placement` (sessions on days), `squeeze`
(must-haves first when time is short), `chance` (second chances, spaced repeats on empty
days), `room` (repairs that make room for timed sessions), `reasons` and `notes` (what was
cut and why), `baselines` (rule 4's early baselines, one computation for the generator and
the checks), `generator`, `replan` (with `extra`: drills after a weak session), `rebuild` (a
future rebuilt on top of the timed sessions already run) and `reach` (rounds the plan cannot
get to ready, rule 8).
"""

from planner.domain.models import TIMED_KINDS
from planner.domain.schedule.calendar import (
    BASELINE_SHARE,
    MIN_MOCK_GAP_DAYS,
    MIN_SESSION_MINUTES,
    REPLAN_MOVED_SHARE,
    RETEST_GAP_DAYS,
    Board,
    PlanError,
    baseline_limit,
    build_board,
    last_working_index,
    minutes_by_day,
    plan_days,
)
from planner.domain.schedule.generator import generate
from planner.domain.schedule.reach import Unreachable, unreachable_rounds
from planner.domain.schedule.rebuild import fresh_future
from planner.domain.schedule.replan import ReplanResult, replan
from planner.domain.schedule.timed import (
    MAX_TIMED_GAP_DAYS,
    SHORT_RUNWAY_DAYS,
    TIMED_SCORING_MINUTES,
    timed_rounds,
)
from planner.domain.schedule.units import plan_rounds

__all__ = [
    "BASELINE_SHARE",
    "MAX_TIMED_GAP_DAYS",
    "MIN_MOCK_GAP_DAYS",
    "MIN_SESSION_MINUTES",
    "REPLAN_MOVED_SHARE",
    "RETEST_GAP_DAYS",
    "SHORT_RUNWAY_DAYS",
    "TIMED_KINDS",
    "TIMED_SCORING_MINUTES",
    "Board",
    "PlanError",
    "ReplanResult",
    "Unreachable",
    "baseline_limit",
    "build_board",
    "fresh_future",
    "generate",
    "last_working_index",
    "minutes_by_day",
    "plan_days",
    "plan_rounds",
    "replan",
    "timed_rounds",
    "unreachable_rounds",
]
