"""Write ``b2b-saas-trial-events.csv``: a small made-up event log of the b2b-saas-trial journey.

Usage::

    python examples/make_trial_events.py [OUT]

The log the examples of ``docs/mining.md`` run on: 80 trial accounts and their
events (touchpoint ids of ``b2b-saas-trial.yaml``, plus a few events no
touchpoint matches: ``login``, ``docs-search``, ``competitor-pricing``), with a
``plan`` column (``starter``, ``growth``) to measure per segment. Each account
works in sessions (events minutes apart, sessions hours to days apart),
mostly moves forward a stage at a time, sometimes steps back, and leaves at
some stage. The same seed always writes the same file
(``tests/test_examples.py`` checks the shipped copy).
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "b2b-saas-trial-events.csv"
ACCOUNTS = 80
START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
STAGES: tuple[tuple[str, ...], ...] = (
    ("webinar", "g2-category-comparison"),
    ("pricing", "event-setup", "subprocessors", "onboarding-email-sequence"),
    ("first-checkout-funnel-dashboard", "se-session", "security-review"),
    ("committee-demo", "procurement", "order-form-e-signature"),
    ("kick-off-call-with-the-customer-success-manager",),
    ("quarterly-business-review",),
)
OTHER = ("login", "docs-search", "competitor-pricing")
# chance of going on from each stage, by plan (growth accounts have a bigger team and push on)
ONWARD = {"starter": (0.8, 0.6, 0.5, 0.5, 0.4), "growth": (0.9, 0.8, 0.7, 0.6, 0.5)}


def account(rng: random.Random, name: str, plan: str) -> list[tuple[str, str, str, str]]:
    """One account's events: a few events a stage visit, with a chance to step back or wander off."""
    when = START + dt.timedelta(hours=rng.randrange(0, 24 * 14))
    stage, events = 0, []
    while True:
        for _ in range(rng.choice((1, 1, 2, 3))):  # one session: a few events minutes apart
            event = rng.choice(STAGES[stage]) if rng.random() > 0.15 else rng.choice(OTHER)
            events.append((name, event, when.strftime("%Y-%m-%dT%H:%M:%SZ"), plan))
            when += dt.timedelta(minutes=rng.randrange(1, 20))
        if rng.random() < 0.6:  # a pause before the next session; else the account goes on in this one
            when += dt.timedelta(hours=rng.randrange(2, 96))
        if stage > 0 and rng.random() < 0.12:
            stage -= 1  # back to compare again
        elif stage < len(STAGES) - 1 and rng.random() < ONWARD[plan][stage]:
            stage += 1
        else:
            return events


def rows(seed: int = 16) -> list[tuple[str, str, str, str]]:
    """Every event of the log, in time order."""
    rng = random.Random(seed)
    events = []
    for number in range(1, ACCOUNTS + 1):
        plan = "growth" if rng.random() < 0.4 else "starter"
        events += account(rng, f"acct-{number:03d}", plan)
    return sorted(events, key=lambda row: (row[2], row[0]))


def write(out: Path) -> Path:
    """Write the log as CSV to ``out``."""
    with out.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(("customer_id", "touchpoint", "timestamp", "plan"))
        writer.writerows(rows())
    return out


if __name__ == "__main__":
    print(write(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
