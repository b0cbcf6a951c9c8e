"""Answer and request quality, as `make eval` prints it: each labelled set through the same
conversation core as Slack, one line per set.

Question sets (answered right / out of scope declined) go through `supportbot ask`'s path: a
person not linked to any account. Request sets go in as direct messages from an account's primary
user, with the account in the state the case names (standard, premium, or cancelled), each in a
conversation of its own; a case passes when the core decides what it expects, and a negated or
merely curious request ("no need to upgrade…") passes only when nothing is run or quoted.
"""

from __future__ import annotations

import argparse
import itertools
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "eval"
DATA = ROOT / "tests" / "data"

QUESTION_SETS = {
    "messy (dev, ../shared)": SHARED / "messy-questions.yaml",
    "clean (dev, ../shared)": SHARED / "questions.yaml",
    "blind batch 2026-11-28": DATA / "blind" / "messy-2026-11-28.yaml",
    "blind batch 3, 2026-11-28": DATA / "blind" / "messy-2026-11-28b.yaml",
    "blind batch 4, 2026-12-05": DATA / "blind" / "messy-2026-12-05.yaml",
    "blind batch 5, 2026-12-05": DATA / "blind" / "messy-2026-12-05b.yaml",
    "blind batch 6, 2026-12-05": DATA / "blind" / "messy-2026-12-05c.yaml",
    "blind batch 7, 2026-12-06": DATA / "blind" / "messy-2026-12-06.yaml",
    "blind batch 8, 2026-12-07": DATA / "blind" / "messy-2026-12-07.yaml",
    "blind batch 9, 2026-12-08": DATA / "blind" / "messy-2026-12-08.yaml",
    "blind batch 10, 2026-12-09": DATA / "blind" / "messy-2026-12-09.yaml",
    "blind batch 11, 2026-12-10": DATA / "blind" / "messy-2026-12-10.yaml",
    "blind batch 12, 2026-12-11": DATA / "blind" / "messy-2026-12-11.yaml",
    "blind batch 13, 2026-12-12": DATA / "blind" / "messy-2026-12-12.yaml",
    "blind batch 14, 2026-12-13": DATA / "blind" / "messy-2026-12-13.yaml",
    "blind batch 15, 2026-12-14": DATA / "blind" / "messy-2026-12-14.yaml",
    "blind batch 16, 2026-12-15": DATA / "blind" / "messy-2026-12-15.yaml",
    "blind batch 17, 2026-12-16": DATA / "blind" / "messy-2026-12-16.yaml",
    "blind batch 18, 2026-12-17": DATA / "blind" / "messy-2026-12-17.yaml",
    "blind batch 19, 2026-12-18": DATA / "blind" / "messy-2026-12-18.yaml",
    "blind batch 20, 2026-12-19": DATA / "blind" / "messy-2026-12-19.yaml",
    "blind batch 21, 2026-12-20": DATA / "blind" / "messy-2026-12-20.yaml",
    "blind batch 22, 2026-12-21": DATA / "blind" / "messy-2026-12-21.yaml",
    "blind batch 23, 2026-12-22": DATA / "blind" / "messy-2026-12-22.yaml",
    "blind batch 24, 2026-12-23": DATA / "blind" / "messy-2026-12-23.yaml",
    "blind batch 25, 2026-12-24": DATA / "blind" / "messy-2026-12-24.yaml",
    "blind batch 26, 2026-12-25": DATA / "blind" / "messy-2026-12-25.yaml",
    "blind batch 27, 2026-12-26": DATA / "blind" / "messy-2026-12-26.yaml",
    "blind batch 28, 2026-12-27": DATA / "blind" / "messy-2026-12-27.yaml",
    "blind batch 29, 2026-12-28": DATA / "blind" / "messy-2026-12-28.yaml",
    "blind batch 35, 2027-01-03": DATA / "blind" / "messy-2027-01-03.yaml",
    "blind batch 36, 2027-01-04": DATA / "blind" / "messy-2027-01-04.yaml",
    "blind batch 37, 2027-01-05": DATA / "blind" / "messy-2027-01-05.yaml",
    "blind batch 38, 2027-01-06": DATA / "blind" / "messy-2027-01-06.yaml",
    "blind batch 39, 2027-01-07": DATA / "blind" / "messy-2027-01-07.yaml",
    "blind batch 40, 2027-01-08": DATA / "blind" / "messy-2027-01-08.yaml",
    "blind batch 41, 2027-01-09": DATA / "blind" / "messy-2027-01-09.yaml",
    "blind batch 42, 2027-01-10": DATA / "blind" / "messy-2027-01-10.yaml",
    "blind batch 43, 2027-01-11": DATA / "blind" / "messy-2027-01-11.yaml",
    "blind batch 44, 2027-01-12": DATA / "blind" / "messy-2027-01-12.yaml",
    "blind batch 45, 2027-01-13": DATA / "blind" / "messy-2027-01-13.yaml",
    "blind batch 46, 2027-01-14": DATA / "blind" / "messy-2027-01-14.yaml",
    "blind batch 47, 2027-01-15": DATA / "blind" / "messy-2027-01-15.yaml",
    "blind batch 48, 2027-01-16": DATA / "blind" / "messy-2027-01-16.yaml",
    "blind batch 49, 2027-01-17": DATA / "blind" / "messy-2027-01-17.yaml",
    "blind batch 50, 2027-01-18": DATA / "blind" / "messy-2027-01-18.yaml",
    "blind batch 51, 2027-01-19": DATA / "blind" / "messy-2027-01-19.yaml",
    "blind batch 52, 2027-01-20": DATA / "blind" / "messy-2027-01-20.yaml",
    # (kept unread: --skip " 53," --skip " 54,")
    "blind batch 53, 2027-01-21": DATA / "blind" / "messy-2027-01-21.yaml",
    "blind batch 54, 2027-01-22": DATA / "blind" / "messy-2027-01-22.yaml",
    # (kept unread: --skip " 55,")
    "blind batch 55, 2027-01-23": DATA / "blind" / "messy-2027-01-23.yaml",
    # (scored once unread, then read)
    "blind batch 56, 2027-01-24": DATA / "blind" / "messy-2027-01-24.yaml",
    "blind batch 57, 2027-01-25": DATA / "blind" / "messy-2027-01-25.yaml",
    "own labelled questions": DATA / "questions.yaml",
    "product summaries (helper-92)": DATA / "adversarial" / "product-summaries-2026-12-06.yaml",
    "training batch": DATA / "train" / "messy-train.yaml",
}
REQUEST_SETS = {
    "requests, blind 2026-11-28": DATA / "blind" / "requests-2026-11-28.yaml",
    "requests, blind 3, 2026-11-28": DATA / "blind" / "requests-2026-11-28b.yaml",
    "requests, blind 4, 2026-12-05": DATA / "blind" / "requests-2026-12-05.yaml",
    "requests, blind 5, 2026-12-05": DATA / "blind" / "requests-2026-12-05b.yaml",
    "requests, blind 6, 2026-12-05": DATA / "blind" / "requests-2026-12-05c.yaml",
    "requests, blind 7, 2026-12-06": DATA / "blind" / "requests-2026-12-06.yaml",
    "requests, blind 8, 2026-12-07": DATA / "blind" / "requests-2026-12-07.yaml",
    "requests, blind 9, 2026-12-08": DATA / "blind" / "requests-2026-12-08.yaml",
    "requests, blind 10, 2026-12-09": DATA / "blind" / "requests-2026-12-09.yaml",
    "requests, blind 11, 2026-12-10": DATA / "blind" / "requests-2026-12-10.yaml",
    "requests, blind 12, 2026-12-11": DATA / "blind" / "requests-2026-12-11.yaml",
    "requests, blind 13, 2026-12-12": DATA / "blind" / "requests-2026-12-12.yaml",
    "requests, blind 14, 2026-12-13": DATA / "blind" / "requests-2026-12-13.yaml",
    "requests, blind 15, 2026-12-14": DATA / "blind" / "requests-2026-12-14.yaml",
    "requests, blind 16, 2026-12-15": DATA / "blind" / "requests-2026-12-15.yaml",
    "requests, blind 17, 2026-12-16": DATA / "blind" / "requests-2026-12-16.yaml",
    "requests, blind 18, 2026-12-17": DATA / "blind" / "requests-2026-12-17.yaml",
    "requests, blind 19, 2026-12-18": DATA / "blind" / "requests-2026-12-18.yaml",
    "requests, blind 20, 2026-12-19": DATA / "blind" / "requests-2026-12-19.yaml",
    "requests, blind 21, 2026-12-20": DATA / "blind" / "requests-2026-12-20.yaml",
    "requests, blind 22, 2026-12-21": DATA / "blind" / "requests-2026-12-21.yaml",
    "requests, blind 23, 2026-12-22": DATA / "blind" / "requests-2026-12-22.yaml",
    "requests, blind 24, 2026-12-23": DATA / "blind" / "requests-2026-12-23.yaml",
    "requests, blind 25, 2026-12-24": DATA / "blind" / "requests-2026-12-24.yaml",
    "requests, blind 26, 2026-12-25": DATA / "blind" / "requests-2026-12-25.yaml",
    "requests, blind 27, 2026-12-26": DATA / "blind" / "requests-2026-12-26.yaml",
    "requests, blind 28, 2026-12-27": DATA / "blind" / "requests-2026-12-27.yaml",
    "requests, blind 29, 2026-12-28": DATA / "blind" / "requests-2026-12-28.yaml",
    "requests, blind 30, 2026-12-29": DATA / "blind" / "requests-2026-12-29.yaml",
    "requests, blind 31, 2026-12-30": DATA / "blind" / "requests-2026-12-30.yaml",
    "requests, blind 32, 2026-12-31": DATA / "blind" / "requests-2026-12-31.yaml",
    "requests, blind 33, 2027-01-01": DATA / "blind" / "requests-2027-01-01.yaml",
    "requests, blind 34, 2027-01-02": DATA / "blind" / "requests-2027-01-02.yaml",
    "requests, blind 37, 2027-01-05": DATA / "blind" / "requests-2027-01-05.yaml",
    "requests, blind 38, 2027-01-06": DATA / "blind" / "requests-2027-01-06.yaml",
    "requests, blind 39, 2027-01-07": DATA / "blind" / "requests-2027-01-07.yaml",
    "requests, blind 40, 2027-01-08": DATA / "blind" / "requests-2027-01-08.yaml",
    "requests, blind 41, 2027-01-09": DATA / "blind" / "requests-2027-01-09.yaml",
    "requests, blind 42, 2027-01-10": DATA / "blind" / "requests-2027-01-10.yaml",
    "requests, blind 43, 2027-01-11": DATA / "blind" / "requests-2027-01-11.yaml",
    "requests, blind 44, 2027-01-12": DATA / "blind" / "requests-2027-01-12.yaml",
    # (not " 45,": question batch 45 is unseen, and --skip " 45," would leave this out)
    "requests, blind 45 (mixed asks), 2027-01-13": DATA / "blind" / "requests-2027-01-13.yaml",
    "requests, blind 46, 2027-01-14": DATA / "blind" / "requests-2027-01-14.yaml",
    # (not " 47,": question batch 47 is development data; --skip " 47 (" leaves this out)
    "requests, blind 47 (many writers), 2027-01-15": DATA / "blind" / "requests-2027-01-15.yaml",
    # (not " 48,": question batch 48 is unseen, and --skip " 48," would leave this out)
    "requests, blind 48 (phone typing), 2027-01-16": DATA / "blind" / "requests-2027-01-16.yaml",
    # (not " 49,": question batch 49 is development data; --skip " 49 (" leaves this out)
    "requests, blind 49 (roles), 2027-01-17": DATA / "blind" / "requests-2027-01-17.yaml",
    # (not " 50,": question batch 50 is unseen, and --skip " 50," would leave this out)
    "requests, blind 50 (short), 2027-01-18": DATA / "blind" / "requests-2027-01-18.yaml",
    "requests, blind 51 (shared channel), 2027-01-19": DATA / "blind" / "requests-2027-01-19.yaml",
    "requests, blind 52 (moods), 2027-01-20": DATA / "blind" / "requests-2027-01-20.yaml",
    "requests, blind 53 (non-native), 2027-01-21": DATA / "blind" / "requests-2027-01-21.yaml",
    "requests, blind 54 (casual), 2027-01-22": DATA / "blind" / "requests-2027-01-22.yaml",
    "requests, blind 55 (time and money), 2027-01-23": DATA / "blind" / "requests-2027-01-23.yaml",
    "requests, blind 56 (corporate), 2027-01-24": DATA / "blind" / "requests-2027-01-24.yaml",
    # (kept unread: --skip " 57 (" --skip " 58 (")
    "requests, blind 57 (varied), 2027-01-25": DATA / "blind" / "requests-2027-01-25.yaml",
    "requests, blind 58 (unsure), 2027-01-26": DATA / "blind" / "requests-2027-01-26.yaml",
    "requests, blind 59 (new admins), 2027-01-27": DATA / "blind" / "requests-2027-01-27.yaml",
    "requests, blind 60 (slack markup), 2027-01-28": DATA / "blind" / "requests-2027-01-28.yaml",
    "requests, blind 61 (rambling), 2027-01-29": DATA / "blind" / "requests-2027-01-29.yaml",
    "requests, blind 62 (stories), 2027-01-30": DATA / "blind" / "requests-2027-01-30.yaml",
    "requests, blind 63 (mixed writers), 2027-01-31": DATA / "blind" / "requests-2027-01-31.yaml",
    "requests, blind 64 (finance), 2027-02-01": DATA / "blind" / "requests-2027-02-01.yaml",
    "requests, blind 65 (a writer each), 2027-02-02": DATA / "blind" / "requests-2027-02-02.yaml",
    "requests, blind 66 (typing fast), 2027-02-03": DATA / "blind" / "requests-2027-02-03.yaml",
    "requests, blind 67 (context first), 2027-02-04": DATA / "blind" / "requests-2027-02-04.yaml",
    "requests, blind 68 (non-native), 2027-02-05": DATA / "blind" / "requests-2027-02-05.yaml",
    # (kept unread: --skip " 65 (" --skip " 69 (" --skip " 70 (")
    "requests, blind 69 (a person each), 2027-02-06": DATA / "blind" / "requests-2027-02-06.yaml",
    "requests, blind 70 (as typed), 2027-02-07": DATA / "blind" / "requests-2027-02-07.yaml",
    "requests, blind 71 (explain first), 2027-02-08": DATA / "blind" / "requests-2027-02-08.yaml",
    # (kept unread: --skip " 72 (" --skip " 73 (")
    "requests, blind 72 (on a phone), 2027-02-09": DATA / "blind" / "requests-2027-02-09.yaml",
    "requests, blind 73 (for others), 2027-02-10": DATA / "blind" / "requests-2027-02-10.yaml",
    # (kept unread: --skip " 74 (")
    "requests, blind 74 (a mix), 2027-02-11": DATA / "blind" / "requests-2027-02-11.yaml",
    "requests, blind 75 (indirect), 2027-02-12": DATA / "blind" / "requests-2027-02-12.yaml",
    # (kept unread: --skip " 76 (")
    "requests, blind 76 (mid-workday), 2027-02-13": DATA / "blind" / "requests-2027-02-13.yaml",
    "requests, blind 77 (hedged), 2027-02-14": DATA / "blind" / "requests-2027-02-14.yaml",
    # (kept unread: --skip " 78 (")
    "requests, blind 78 (hedged), 2027-02-15": DATA / "blind" / "requests-2027-02-15.yaml",
    # (scored once unread, then read)
    "requests, blind 79 (busy day), 2027-02-16": DATA / "blind" / "requests-2027-02-16.yaml",
    # (scored once unread, then read)
    "requests, blind 80 (hedged, indirect), 2027-02-17": DATA
    / "blind"
    / "requests-2027-02-17.yaml",
    # (kept unread: --skip " 81 (")
    "requests, blind 81 (a writer each), 2027-02-18": DATA / "blind" / "requests-2027-02-18.yaml",
    # (kept unread: --skip " 82 (")
    "requests, blind 82 (everyday), 2027-02-19": DATA / "blind" / "requests-2027-02-19.yaml",
    # (scored once unread, then read)
    "requests, blind 83 (non-native, phone), 2027-02-20": DATA
    / "blind"
    / "requests-2027-02-20.yaml",
    # (kept unread: --skip " 84 (")
    "requests, blind 84 (working day), 2027-02-21": DATA / "blind" / "requests-2027-02-21.yaml",
    # (scored once unread, then read)
    "requests, blind 85 (shop owners), 2027-02-22": DATA / "blind" / "requests-2027-02-22.yaml",
    # (scored once unread, then read)
    "requests, blind 86 (dictated, non-native), 2027-02-23": DATA
    / "blind"
    / "requests-2027-02-23.yaml",
    "requests, blind 87 (phones, late at night), 2027-02-24": DATA
    / "blind"
    / "requests-2027-02-24.yaml",
    "requests, training": DATA / "train" / "requests-train.yaml",
    "requests, adversarial (helper-31)": DATA / "adversarial" / "requests-2026-12-05.yaml",
    "requests, adversarial (helper-32)": DATA / "adversarial" / "requests-2026-12-05b.yaml",
    "requests, adversarial (helper-36)": DATA / "adversarial" / "requests-2026-12-06.yaml",
    "requests, adversarial (helper-38)": DATA / "adversarial" / "requests-2026-12-06b.yaml",
    "requests, adversarial (helper-44)": DATA / "adversarial" / "requests-2026-12-06c.yaml",
    "requests, adversarial (helper-57)": DATA / "adversarial" / "requests-2026-12-06d.yaml",
    "requests, adversarial (helper-59)": DATA / "adversarial" / "requests-2026-12-06e.yaml",
    "requests, adversarial (helper-68)": DATA / "adversarial" / "requests-2026-12-06f.yaml",
    "requests, adversarial (helper-71)": DATA / "adversarial" / "requests-2026-12-06g.yaml",
    "requests, adversarial (helper-84)": DATA / "adversarial" / "requests-2026-12-06h.yaml",
    "requests, adversarial (helper-105)": DATA / "adversarial" / "requests-2026-12-06i.yaml",
    "requests, adversarial (helper-121)": DATA / "adversarial" / "requests-2026-12-06j.yaml",
    "requests, adversarial (helper-129)": DATA / "adversarial" / "requests-2026-12-06k.yaml",
    "requests, adversarial (helper-130)": DATA / "adversarial" / "requests-2026-12-06l.yaml",
    "requests, adversarial (helper-139)": DATA / "adversarial" / "requests-2026-12-06m.yaml",
    "requests, adversarial (helper-146)": DATA / "adversarial" / "requests-2026-12-07.yaml",
    # Blind negation sets (seed article only, 2026-12-07): 75 of 100 must change nothing.
    "requests, negations A (helper-150)": DATA / "adversarial" / "requests-2026-12-07b.yaml",
    # (kept unread: --skip "negations B")
    "requests, negations B (helper-151)": DATA / "adversarial" / "requests-2026-12-07c.yaml",
    "requests, negations C (helper-152)": DATA / "adversarial" / "requests-2026-12-07d.yaml",
    "requests, negations D (helper-153)": DATA / "adversarial" / "requests-2026-12-07e.yaml",
    # (kept unread: --skip "negations E")
    "requests, negations E (helper-155)": DATA / "adversarial" / "requests-2026-12-07f.yaml",
    "requests, negations F (helper-157)": DATA / "adversarial" / "requests-2026-12-07g.yaml",
    "requests, negations G (helper-159)": DATA / "adversarial" / "requests-2026-12-07h.yaml",
    # (kept unread: --skip "negations H")
    "requests, negations H (helper-161)": DATA / "adversarial" / "requests-2026-12-07j.yaml",
    # (scored once unread, then read)
    "requests, negations I (helper-165)": DATA / "adversarial" / "requests-2026-12-07k.yaml",
    # (scored once unread, then read)
    "requests, negations J (helper-168)": DATA / "adversarial" / "requests-2026-12-07l.yaml",
    # (scored once unread, then read)
    "requests, negations K (helper-170)": DATA / "adversarial" / "requests-2026-12-07m.yaml",
    # (kept unread: --skip "negations L")
    "requests, negations L (helper-172)": DATA / "adversarial" / "requests-2026-12-07n.yaml",
    # (scored once unread, then read)
    "requests, negations M (helper-174)": DATA / "adversarial" / "requests-2026-12-07o.yaml",
    # (kept unread: --skip "negations N")
    "requests, negations N (helper-176)": DATA / "adversarial" / "requests-2026-12-07p.yaml",
    # (scored once unread, then read)
    "requests, negations O (helper-177)": DATA / "adversarial" / "requests-2026-12-07q.yaml",
    # (kept unread: --skip "negations P")
    "requests, negations P (helper-178)": DATA / "adversarial" / "requests-2026-12-07r.yaml",
    # (scored once unread, then read)
    "requests, negations Q (helper-180)": DATA / "adversarial" / "requests-2026-12-07s.yaml",
    # (kept unread: --skip "negations R")
    "requests, negations R (helper-183)": DATA / "adversarial" / "requests-2026-12-07v.yaml",
    # (kept unread: --skip "negations S")
    "requests, negations S (helper-187)": DATA / "adversarial" / "requests-2026-12-07x.yaml",
    # (kept unread: --skip "negations T")
    "requests, negations T (helper-192)": DATA / "adversarial" / "requests-2026-12-08.yaml",
    # (kept unread: --skip "negations U")
    "requests, negations U (helper-202)": DATA / "adversarial" / "requests-2026-12-09.yaml",
    # helper-181's and helper-182's attacks on the seventeenth session's readings (development)
    "requests, adversarial (helper-182)": DATA / "adversarial" / "requests-2026-12-07u.yaml",
    "requests, adversarial (helper-186)": DATA / "adversarial" / "requests-2026-12-07w.yaml",
    "requests, adversarial (helper-181)": DATA / "adversarial" / "requests-2026-12-07t.yaml",
    # helper-189's attack on the seventeenth session's end (eighteenth session, development)
    "requests, adversarial (helper-189)": DATA / "adversarial" / "requests-2026-12-07y.yaml",
    "requests, adversarial (helper-190)": DATA / "adversarial" / "requests-2026-12-07z.yaml",
    # helper-194's attack on the eighteenth session's end (nineteenth session, development)
    "requests, adversarial (helper-194)": DATA / "adversarial" / "requests-2026-12-08b.yaml",
    "requests, adversarial (helper-196)": DATA / "adversarial" / "requests-2026-12-08c.yaml",
    "requests, adversarial (helper-197)": DATA / "adversarial" / "requests-2026-12-08d.yaml",
    "requests, adversarial (helper-199)": DATA / "adversarial" / "requests-2026-12-08e.yaml",
    "requests, adversarial (helper-200)": DATA / "adversarial" / "requests-2026-12-08f.yaml",
    "requests, adversarial (helper-205)": DATA / "adversarial" / "requests-2026-12-09b.yaml",
    "requests, adversarial (helper-206)": DATA / "adversarial" / "requests-2026-12-09c.yaml",
    "requests, adversarial (helper-207)": DATA / "adversarial" / "requests-2026-12-09d.yaml",
    "requests, adversarial (helper-208)": DATA / "adversarial" / "requests-2026-12-09e.yaml",
    "requests, adversarial (helper-200, real requests)": DATA
    / "adversarial"
    / "requests-2026-12-08g.yaml",
    # helper-160's attack on the fifteenth session's readings (development data)
    "requests, adversarial (helper-160)": DATA / "adversarial" / "requests-2026-12-07i.yaml",
}
CHANGES = {"action:upgrade", "action:cancel", "action:resume", "action:grant", "action:revoke"}
# The replies that put a change before its asker with Confirm (a quote, or a change asked).
CHANGE_CARDS = {
    "quote", "cancel_question", "resume_question", "downgrade_question", "access_question"
}

ACCOUNTS = """
accounts:
  - {id: std, name: Standard Co, type: merchant, slack_team_id: T0STD, card: tok_visa,
     users: [{email: pat@std.example, slack_user_id: U0PAT, primary: true},
             {email: sam@std.example, slack_user_id: U0SAM}]}
  - {id: prem, name: Premium Co, type: warehouse, slack_team_id: T0PRM, card: tok_visa,
     users: [{email: pat@prem.example, slack_user_id: U0PAT, primary: true},
             {email: sam@prem.example, slack_user_id: U0SAM, billing_access: true}]}
  - {id: canc, name: Cancelled Co, type: merchant, slack_team_id: T0CAN, card: tok_visa,
     users: [{email: pat@canc.example, slack_user_id: U0PAT, primary: true},
             {email: sam@canc.example, slack_user_id: U0SAM}]}
"""
TEAM_OF_STATE = {"standard": "T0STD", "premium": "T0PRM", "cancelled": "T0CAN"}


@dataclass
class Score:
    name: str
    right: int = 0
    total: int = 0
    declined: int = 0
    out_of_scope: int = 0
    misses: list[str] = field(default_factory=list)
    # Request sets: messages that ask for no change, and of them those given one (a Confirm card
    # or a change) all the same: what "never a change nobody asked for" is measured by.
    ask_none: int = 0
    unasked: int = 0
    # ... and of those, the ones shown a Confirm card (a quote, or a change asked to be
    # confirmed, CHANGE_CARDS): what the asker would see. (A change decided that the billing
    # service then refuses, "revoke" of a colleague who has no access, shows none.)
    quoted: int = 0
    # A blind set's cases worded exactly as a training example, an intent's example or an
    # article's example question (written independently, they still overlap): scored again
    # without them, so the blind figure is not flattered.
    unseen: Score | None = None

    def count(self, case: dict[str, Any], ok: bool) -> None:
        self.total += 1
        if case.get("answered", True) is False:
            self.out_of_scope += 1
            self.declined += ok
        else:
            self.right += ok

    def lines(self) -> list[str]:
        found = [self.line()]
        if self.unseen is not None and self.unseen.total != self.total:
            seen = self.total - self.unseen.total
            found.append(f"  without the {seen} worded as an example: {self.unseen.line()[31:]}")
        return found

    def line(self) -> str:
        question_sets = ("messy", "clean", "blind", "own", "train", "product")
        if self.out_of_scope or self.name.startswith(question_sets):
            answerable = self.total - self.out_of_scope
            share = self.right / answerable if answerable else 0.0
            oos = self.declined / self.out_of_scope if self.out_of_scope else 1.0
            return (
                f"{self.name:<30} {self.right:>4}/{answerable:<4} answered right ({share:.0%}); "
                f"{self.declined}/{self.out_of_scope} out of scope declined ({oos:.0%})"
            )
        share = self.right / self.total if self.total else 0.0
        return f"{self.name:<30} {self.right:>4}/{self.total:<4} done as asked ({share:.0%})"


# The writers name the bot <@U0BOT> (or <@U0BOT22>…, or "@bot" as typed before Slack turns it
# into a mention); Slack's front end removes the bot's own mention before the core reads a
# message (bot/slack/adapter.py), so the sets are read so too.
_BOT_MENTION = re.compile(r"<@U0BOT\w*(?:\|[^>]*)?>\s*|(?<![\w<])@bot\b\s*", re.I)


def as_delivered(text: str) -> str:
    """The message as the core receives it from Slack: without the bot's own mention."""
    return _BOT_MENTION.sub("", text).strip()


def _cases(path: Path) -> list[dict[str, Any]]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]


def _plain(text: str) -> str:
    import re

    return re.sub(r"(?<=\d),(?=\d{3})", "", text).lower()


def question_right(case: dict[str, Any], row: dict[str, Any]) -> bool:
    """The hook's rule: answered, with every expect_all and one expect_any string."""
    if not case.get("answered", True):
        return row["answered"] is False
    if not row["answered"]:
        return False
    text = _plain(row["answer"])
    if not all(_plain(s) in text for s in case.get("expect_all", [])):
        return False
    any_of = case.get("expect_any", [])
    return not any_of or any(_plain(s) in text for s in any_of)


def _wording(text: str) -> str:
    import re

    return " ".join(re.sub(r"[^\w ]", " ", text.lower()).split())


def known_wordings() -> set[str]:
    """Every message the understanding has seen as an example: the training batches, the
    intents' examples and the articles' example questions."""
    found: set[str] = set()
    for path in sorted((DATA / "train").glob("*.yaml")):
        found |= {_wording(case["q"]) for case in _cases(path)}
    for path in sorted((ROOT / "intents").glob("*.yaml")):
        loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        for intent in loaded if isinstance(loaded, list) else loaded.get("intents", []):
            found |= {_wording(str(text)) for text in intent.get("examples", [])}
    for path in sorted((ROOT / "kb").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---"):
            front = yaml.safe_load(text.split("---", 2)[1]) or {}
            for texts in (front.get("questions") or {}).values():
                found |= {_wording(str(q)) for q in texts}
    return found


def _blind(name: str, seen: set[str]) -> Score | None:
    return Score(name) if name.startswith(("blind", "requests, blind")) and seen else None


def score_questions(
    conversation: Any, name: str, path: Path, seen: set[str] = frozenset()
) -> Score:
    from bot.cli.ask import _ask, turn_json

    score = Score(name)
    score.unseen = _blind(name, seen)
    for n, case in enumerate(_cases(path)):
        text = as_delivered(case["q"].replace("\n", " "))
        row = turn_json(text, _ask(conversation, text, n))
        ok = question_right(case, row)
        score.count(case, ok)
        if score.unseen is not None and _wording(case["q"]) not in seen:
            score.unseen.count(case, ok)
        if not ok:
            score.misses.append(f"{case['q'][:90]!r} -> {row['decision']}")
    return score


class RequestWorld:
    """Three accounts (standard, premium, cancelled); each case is a conversation of its own.
    (A case's decision does not depend on what earlier cases changed: each reads the message
    alone, and the account's state only shapes the words of the reply.)"""

    def __init__(self, settings: Any, knowledge: Any) -> None:
        from bot.billing import open_billing
        from bot.billing.admin import import_accounts
        from bot.billing.results import Actor
        from bot.bootstrap import open_services

        self.folder = Path(tempfile.mkdtemp(prefix="supportbot-eval-"))
        billing = open_billing(settings, f"sqlite:///{self.folder / 'requests.db'}")
        import_accounts(billing.engine, settings, billing.gateway, ACCOUNTS)
        for team in ("T0PRM", "T0CAN"):
            actor = Actor.slack("U0PAT", team)
            billing.confirm(actor, billing.quote_upgrade(actor).id)
        billing.cancel(Actor.slack("U0PAT", "T0CAN"))
        self.services = open_services(settings, knowledge=knowledge, billing=billing)
        # One conversation per case across every set this world scores: a case must not find
        # the context (a miss, an offer) a case of an earlier set left in "its" DM.
        self._conversations = itertools.count()

    def decide(self, text: str, state: str, n: int) -> tuple[str, Any]:
        from bot.billing.results import Actor
        from bot.conversation import Incoming, Place, Surface

        n = next(self._conversations)
        incoming = Incoming(
            text,
            Actor.slack("U0PAT", TEAM_OF_STATE[state]),
            Place(f"D0EVAL{n}", True),
            Surface.DM,
            ts=f"{n}.1",
        )
        turn = self.services.conversation.handle(incoming)
        return turn.decision.label, turn

    def close(self) -> None:
        self.services.engine.dispose()
        shutil.rmtree(self.folder, ignore_errors=True)


def score_linked(world: RequestWorld, paths: list[Path]) -> Score:
    """The blind questions as a linked user on Premium asks them in a DM, where a question about
    one's own account gets the account's figure (and the article with it, when one answers):
    right when the article replies carry the expected facts; an out-of-scope message, when
    no article reply is given."""
    score = Score("blind batches, linked asker")
    for path in paths:
        for n, case in enumerate(_cases(path)):
            _, turn = world.decide(as_delivered(case["q"].replace("\n", " ")), "premium", n)
            answers = [r.text for r in turn.replies if r.kind == "answer"]
            row = {"answered": bool(answers), "answer": "\n".join(answers)}
            ok = question_right(case, row)
            score.count(case, ok)
            if not ok:
                score.misses.append(f"{case['q'][:90]!r} -> {turn.decision.label}")
    return score


def request_right(expect: str, label: str) -> bool:
    """`expect` is a label, "none" (nothing changed), "!label" (anything but it), "handoff" (to
    either team), or several of these separated by "|" (any one will do)."""
    return any(_one_right(one.strip(), label) for one in expect.split("|"))


def asks_change(expect: str) -> bool:
    """Whether a case's expectation may hold a change ("none", "answer" and "handoff" hold none;
    "!action:cancel", anything but a cancel, may be another change)."""
    return any(one.strip() in CHANGES or one.strip().startswith("!") for one in expect.split("|"))


def unasked_line(scores: list[Score], unread: tuple[str, ...]) -> str:
    """How many messages that ask for no change got one, on every request set and on the
    unread ones (`unread`: the names of those, as HELD_OUT gives them)."""
    asked = [s for s in scores if s.ask_none]
    kept = [s for s in asked if s.name.startswith(unread)]
    total = (sum(s.unasked for s in asked), sum(s.ask_none for s in asked))
    fresh = (sum(s.unasked for s in kept), sum(s.ask_none for s in kept))
    shown = (sum(s.quoted for s in asked), sum(s.quoted for s in kept))
    return (
        f"{'changes nobody asked for':<30} {total[0]:>4}/{total[1]:<4} of the messages asking "
        f"none, on every request set ({shown[0]} shown a Confirm card); {fresh[0]}/{fresh[1]} "
        f"on the unread ones ({shown[1]} shown a Confirm card)"
    )


def _one_right(expect: str, label: str) -> bool:
    if expect == "none":
        return label not in CHANGES
    if expect.startswith("!"):
        return label != expect[1:]
    if expect == "handoff":
        return label.startswith("handoff:")
    return label == expect


def score_requests(
    world: RequestWorld, name: str, path: Path, seen: set[str] = frozenset()
) -> Score:
    score = Score(name)
    score.unseen = _blind(name, seen)
    for n, case in enumerate(_cases(path)):
        label, turn = world.decide(as_delivered(case["q"]), case.get("state", "standard"), n)
        ok = request_right(case["expect"], label)
        score.total += 1
        score.right += ok
        if not asks_change(case["expect"]):
            score.ask_none += 1
            score.unasked += label in CHANGES
            score.quoted += any(reply.kind in CHANGE_CARDS for reply in turn.replies)
        if score.unseen is not None and _wording(case["q"]) not in seen:
            score.unseen.total += 1
            score.unseen.right += ok
        if not ok:
            score.misses.append(f"{case['q'][:90]!r} [{case.get('state')}] -> {label}, "
                                f"expected {case['expect']}")
    return score


def score_intents(settings: Any) -> Score:
    from bot.bootstrap import intent_classifier

    cases = yaml.safe_load((DATA / "intents.yaml").read_text(encoding="utf-8"))
    classifier = intent_classifier(settings)
    score = Score("intent set (tests/data)")
    for case in cases:
        match = classifier.classify(case["text"])
        got = match.intent.name if match else "none"
        expected = case["intent"]
        ok = (match is None or match.intent.do == "answer") if expected == "kb" else got == expected
        score.total += 1
        score.right += ok
        if not ok:
            score.misses.append(f"{case['text']!r}: expected {expected}, got {got}")
    return score


def _chosen(name: str, path: Path, args: argparse.Namespace) -> bool:
    if not path.exists() or any(skipped in name for skipped in args.skip):
        return False
    return not args.only or any(wanted in name for wanted in args.only)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every miss")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        help="only sets whose name contains this (repeatable)",
    )
    parser.add_argument(
        "--skip",
        action="append",
        default=[],
        help="leave out sets whose name contains this (repeatable): keeps unseen batches unread "
        "while --misses lists the rest; the linked-asker score then leaves them out too",
    )
    args = parser.parse_args(argv)

    from bot.bootstrap import open_knowledge, open_services
    from bot.config import load_settings

    settings = load_settings(ROOT / "app.yaml")
    index = Path(tempfile.mkdtemp(prefix="supportbot-eval-index-"))
    settings = settings.model_copy(
        update={"kb": settings.kb.model_copy(update={"index_path": index / "kb-index"})}
    )
    knowledge = open_knowledge(settings)
    db = index / "ask.db"
    services = open_services(settings, f"sqlite:///{db}", knowledge=knowledge)
    started = time.perf_counter()
    scores: list[Score] = []
    seen = known_wordings()
    for name, path in QUESTION_SETS.items():
        if _chosen(name, path, args):
            scores.append(score_questions(services.conversation, name, path, seen))
    world = RequestWorld(settings, knowledge)
    try:
        for name, path in REQUEST_SETS.items():
            if _chosen(name, path, args):
                scores.append(score_requests(world, name, path, seen))
        blind = [
            p
            for n, p in QUESTION_SETS.items()
            if n.startswith("blind") and p.exists() and not any(s in n for s in args.skip)
        ]
        if not args.only or any("linked" in wanted for wanted in args.only):
            scores.append(score_linked(world, blind))
    finally:
        world.close()
    if not args.only or any("intent" in wanted for wanted in args.only):
        scores.append(score_intents(settings))
    for score in scores:
        print("\n".join(score.lines()))
        if args.misses:
            for miss in score.misses:
                print(f"    {miss}")
    from bench.learn_orders import HELD_OUT

    print(unasked_line(scores, HELD_OUT))
    print(f"({time.perf_counter() - started:.1f} s)")
    services.engine.dispose()
    shutil.rmtree(index, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
