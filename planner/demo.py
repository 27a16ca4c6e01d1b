"""A realistic mid-way candidate, for `planner demo` and for tests of populated screens."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from planner.service import ContentLibrary, Planner
from planner.service.inputs import MockInput, PlanInput, ResearchChange, StoryInput

DEMO_STORIES = (
    {
        "title": "Shipping Skill Path before the holiday freeze",
        "situation": "Marketing had booked holiday media for a mobile skill-path recommender, "
        "which left engineering four weeks instead of six.",
        "task": "Own the scope so we still hit an 8% lift in weekly active learners.",
        "action": "Ran a one-week discovery sprint with data science to keep the three "
        "strongest signals, cut UI polish, and held a 15-minute daily stand-up with "
        "engineering, design and QA to clear blockers the same day.",
        "result": "Shipped on time; weekly active learners rose 9.2% in three weeks, and the "
        "deferred accessibility fixes later lifted retention for assistive-tech learners 3.4%.",
        "competencies": ["shipping-under-deadline", "influence-without-authority"],
        "readiness": "ready",
    },
    {
        "title": "Consultative onboarding instead of louder upsell prompts",
        "situation": "Finance forecast a 5% revenue shortfall while the UX team saw churn "
        "rising from aggressive upsell prompts.",
        "task": "Test a higher-touch enterprise motion without hurting individual learners.",
        "action": "Split new business sign-ups 10/90 between a consultative skill-gap call and "
        "the standard flow, with a churn guardrail at 0.2%.",
        "result": "Enterprise conversion rose 22% with $1,800 more per contract and learner "
        "churn held at 0.18%.",
        "competencies": ["revenue-vs-product-health"],
        "readiness": "rehearsed",
    },
    {
        "title": "One-click certificate checkout that backfired",
        "situation": "We removed the cart step for paid certificates expecting a 15% lift.",
        "task": "Work out why conversion fell and decide what to do.",
        "action": "I think the flow was fine, so I asked for more data.",
        "result": "",
        "competencies": ["learning-from-failed-experiment"],
        "readiness": "draft",
    },
)


def fill_demo(folder: Path, library: ContentLibrary, today: dt.date) -> Planner:
    """Fill `folder` with a candidate 14 days into a 30-day mid-level plan; return its service."""
    start = today - dt.timedelta(days=14)

    def at(day: dt.date) -> Planner:
        return Planner.open(folder, day, library)

    planner = at(today)
    settings = planner.plans.settings(
        PlanInput(
            seniority="mid",
            onsite=today + dt.timedelta(days=16),
            start=start,
            rest_weekdays=(6,),
            screens={},
        )
    )
    plan = at(start).plans.create(settings, force=True)
    timed = ("mock", "timed")
    past = [t for t in plan.tasks if t.day < today and t.kind not in timed]
    skipped = {t.id for t in past[-3:]}
    for day in sorted({t.day for t in past}):  # each ticked on its own day, as a user would
        ticked = [t.id for t in past if t.day == day and t.id not in skipped]
        if ticked:
            at(day).tasks.set_done(ticked, True)
    mocks = (
        ("product-sense", 9, {"user-focus": 3, "integration-thinking": 2, "prioritization": 3}),
        ("execution", 6, {"hypothesis-first": 2, "metric-decomposition": 3}),
        ("product-sense", 2, {"user-focus": 4, "integration-thinking": 3, "prioritization": 4}),
    )
    pack = planner.session.pack()
    for round_id, ago, wanted in mocks:
        dims = [d.id for d in pack.rubric(round_id).dimensions]
        scores = {d: wanted.get(d, 3) for d in dims}
        at(today - dt.timedelta(days=ago)).mocks.add(
            MockInput(
                round_id,
                scores=scores,
                partner="Sam (ex-FAANG PM)",
                notes="Good structure; slow to commit to a recommendation.",
                follow_ups="Lead with the hypothesis in the first minute.",
            )
        )
    for story in DEMO_STORIES:
        planner.stories.add(
            StoryInput(
                str(story["title"]),
                situation=str(story["situation"]),
                task=str(story["task"]),
                action=str(story["action"]),
                result=str(story["result"]),
                competencies=list(story["competencies"]),
                readiness=str(story["readiness"]),
            )
        )
    for n, item in enumerate(pack.research[:8]):
        planner.research.set(
            item.id,
            ResearchChange(
                "done" if n < 5 else "doing",
                note="Notes from the last earnings call." if n == 0 else None,
            ),
        )
    for n, question in enumerate(pack.questions[:10]):
        at(today - dt.timedelta(days=3 + n % 4)).practice.record(
            question.id, ("good", "hard", "again", "easy")[n % 4]
        )
    return planner
