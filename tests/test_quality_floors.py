"""Floors under answer and request quality on the labelled sets, measured through the same core
as Slack (bench/quality.py prints the figures with `make eval`). Blind batches were written from
the seed article alone and scored once before anything was tuned on them; since 2026-12-05
evening batches 1-9 also train the answer models (bench/calibrate.py); batches 10-20 are never
trained on, and 19 and 20 (unread) are the honest figure. A drop below fails."""

from __future__ import annotations

import pytest

from bench.quality import QUESTION_SETS, REQUEST_SETS, RequestWorld, score_questions, score_requests

# (share answered right, share of out-of-scope declined) the sets must keep.
QUESTION_FLOORS = {
    # Today's figure less about two messages. Batches 1-9 are training data of the models since
    # 2026-12-05 evening (their first scores are in their files' headers).
    "messy (dev, ../shared)": (0.88, 0.95),
    "blind batch 2026-11-28": (0.9, 0.95),
    "blind batch 3, 2026-11-28": (0.88, 0.95),
    "blind batch 4, 2026-12-05": (0.93, 0.9),  # ACH-vs-card answered by the card article
    "blind batch 5, 2026-12-05": (0.93, 0.9),
    "blind batch 6, 2026-12-05": (0.9, 0.95),
    "blind batch 7, 2026-12-06": (0.84, 0.9),
    "blind batch 8, 2026-12-07": (0.77, 0.9),
    "blind batch 9, 2026-12-08": (0.75, 0.9),
    # Never trained on; held out (unread) through the session that retrained the models. First
    # scores 36/44, 16/16 and 36/44, 13/16; after it 39/44, 16/16 and 40/44, 14/16; their
    # misses (and batch 12's) were read the night of 2026-12-05: 42/44 and 40/44 since.
    "blind batch 10, 2026-12-09": (0.9, 0.9),
    # (first 13/16 declined; 14/16 until gap_odds, 2026-12-06, answered "can we pay for premium
    # by ACH or a net-30 invoice instead of a card?" again: its other words are all in scope)
    "blind batch 11, 2026-12-10": (0.86, 0.8),
    # Written after the retraining and scored once on it, never tuned on: 37/44, 16/16.
    "blind batch 12, 2026-12-11": (0.88, 0.9),
    # Written 2026-12-05 and scored once before any tuning, never tuned on: 41/44, 16/16.
    "blind batch 13, 2026-12-12": (0.88, 0.9),
    # Written 2026-12-05 and scored once at the end of that night's tuning: 38/44, 15/16 (its
    # three changed cases were read after that: 39/44).
    "blind batch 14, 2026-12-13": (0.81, 0.9),
    # Written 2026-12-06 and scored once before any tuning on e057393, kept unread to the end
    # of that day's work: 37/44, 14/16 and 38/44, 14/16 first; 38/44, 14/16 each at its end.
    "blind batch 15, 2026-12-14": (0.8, 0.8),
    "blind batch 16, 2026-12-15": (0.82, 0.8),
    # Written 2026-12-06 (second session) and scored once before any tuning on 7c39ea4, kept
    # unread: 36/44, 16/16 and 32/44, 15/16.
    "blind batch 17, 2026-12-16": (0.77, 0.9),
    "blind batch 18, 2026-12-17": (0.68, 0.9),
    # Their misses (and 15's and 16's) were printed by mistake the same morning, so batches
    # 19 and 20 were written then and scored once before any tuning on 7c39ea4, kept unread:
    # 39/44, 14/16 and 40/44, 14/16.
    "blind batch 19, 2026-12-18": (0.84, 0.8),
    "blind batch 20, 2026-12-19": (0.86, 0.8),
    # Written 2026-12-06 (third session) and scored once before any tuning on 5a0de34, kept
    # unread: 37/44, 16/16 and 42/44, 15/16.
    "blind batch 21, 2026-12-20": (0.8, 0.9),
    "blind batch 22, 2026-12-21": (0.9, 0.9),
    # Written 2026-12-06 (fourth session) and scored once before any tuning on fc419e8, kept
    # unread: 39/44, 15/16 and 38/44, 14/16.
    "blind batch 23, 2026-12-22": (0.86, 0.9),
    "blind batch 24, 2026-12-23": (0.84, 0.85),
    # Written 2026-12-06 (fourth session, helpers 55 and 56) after 23 and 24 were read, kept
    # unread, scored on fc419e8 (39/44, 14/16 and 39/44, 14/16) and at the session's end (40/44,
    # 14/16 each).
    "blind batch 25, 2026-12-24": (0.86, 0.8),
    "blind batch 26, 2026-12-25": (0.86, 0.8),
    # Written 2026-12-06 (fifth session, helpers 60-62), scored once on ad0b0af before any
    # tuning: 42/44, 15/16; 42/44, 16/16; 41/44, 15/16. 27 and 28 kept unread; 29 read.
    "blind batch 27, 2026-12-26": (0.86, 0.85),
    "blind batch 28, 2026-12-27": (0.86, 0.85),
    "blind batch 29, 2026-12-28": (0.86, 0.85),
    # Written late in the fifth session (helpers 74, 75) to check one change on fresh messages,
    # kept unread: 41/44, 16/16 and 41/44, 15/16 on ad0b0af and on what was kept.
    "blind batch 35, 2027-01-03": (0.86, 0.85),
    "blind batch 36, 2027-01-04": (0.86, 0.85),
    # Written at the start of the sixth session (helpers 76-79), scored once on b07fa33 before
    # any tuning: 40/44, 12/16; 40/44, 12/16; 36/44, 15/16; 42/44, 16/16. 37 and 39 read; 38
    # and 40 kept unread.
    "blind batch 37, 2027-01-05": (0.86, 0.75),
    "blind batch 38, 2027-01-06": (0.86, 0.75),
    "blind batch 39, 2027-01-07": (0.8, 0.85),
    "blind batch 40, 2027-01-08": (0.9, 0.9),
    # Written at the start of the seventh session (helpers 87-89), scored once on e1f31fc before
    # any tuning: 40/44, 16/16; 42/44, 15/16; 22/24, 33/36 (43 is weighted to out-of-scope
    # messages). 41 and 42 kept unread; 43 read.
    "blind batch 41, 2027-01-09": (0.86, 0.9),
    "blind batch 42, 2027-01-10": (0.9, 0.85),
    "blind batch 43, 2027-01-11": (0.84, 0.86),
    # Written mid-session (helpers 94, 95) to check the session's out-of-scope changes on fresh
    # writers, scored once on the session's start (e1f31fc) and on 398cf02: 44 (weighted to
    # out-of-scope messages) 21/24, 27/36 then 21/24, 28/36; 45 37/44, 14/16 both. Kept unread.
    "blind batch 44, 2027-01-12": (0.8, 0.72),
    "blind batch 45, 2027-01-13": (0.8, 0.8),
    # Written after them (helper-96), weighted to out-of-scope messages right beside the
    # article's topics (20 / 40), scored once on e1f31fc and on 398cf02 (18/20, 30/40 both),
    # then read: development data for declining.
    "blind batch 46, 2027-01-14": (0.8, 0.7),
    # helper-97, in the style of 45 (short, misspelled, typed on a phone), scored once on
    # e1f31fc and on e5ff739 (36/44, 15/16 both), then read: development data.
    "blind batch 47, 2027-01-15": (0.77, 0.85),
    # helper-92's questions on the four product summaries, from their text: 31/40, 7/20 before
    # and after they needed their subject named (the near-subject questions they don't answer
    # are still answered from them: not yet solved).
    "product summaries (helper-92)": (0.72, 0.3),
    # Written at the start of the eighth session (helpers 101, 102), scored once on 205b493
    # before any tuning: 40/44, 13/16; 23/24, 23/36 (49 is weighted to out-of-scope messages
    # right beside the article's topics). 48 kept unread; 49 read.
    "blind batch 48, 2027-01-16": (0.86, 0.75),
    "blind batch 49, 2027-01-17": (0.9, 0.6),
    # Written mid-session (helper-104, a third each phone-typed, chatty, non-native), scored once
    # on 205b493 and on this session's work so far: 41/44, 14/16 both. Kept unread.
    "blind batch 50, 2027-01-18": (0.86, 0.8),
    # Written at the start of the ninth session (helper-108; 14 of its 20 out-of-scope messages
    # right beside the article's topics), scored once on 4cc4d1a before any tuning: 38/40,
    # 15/20. Kept unread.
    "blind batch 51, 2027-01-19": (0.9, 0.7),
    # Written mid-session (helper-110) after the out-of-scope changes were made, never shown
    # them: 35/40, 15/20 on 4cc4d1a; 35/40, 17/20 on 3fa5d68; 35/40, 18/20 with the policies
    # added after it. Kept unread.
    "blind batch 52, 2027-01-20": (0.84, 0.8),
    # Written at the start of the thirteenth session (helpers 144-145), scored once on 1cadc96
    # before any tuning: 39/40, 20/20 and 37/40, 20/20. Kept unread.
    "blind batch 53, 2027-01-21": (0.9, 0.9),
    "blind batch 54, 2027-01-22": (0.88, 0.9),
    # Written at the start of the sixteenth session (helper-167, relayed and forwarded
    # questions), scored once on 307d1b2 before any tuning: 38/40, 20/20. Kept unread.
    "blind batch 55, 2027-01-23": (0.9, 0.9),
    # Written at the start of the nineteenth session (helper-195, new customers onboarding in a
    # Slack Connect channel), scored once on 1d94d24 before any tuning: 38/40, 19/20. Read since
    # (its misses chose nothing yet).
    "blind batch 56, 2027-01-24": (0.9, 0.9),
    # (helper-204, night-shift warehouse staff: 37/40 and 20/20 at its first score, kept unread)
    "blind batch 57, 2027-01-25": (0.9, 0.9),
}
REQUEST_FLOORS = {
    "requests, blind 2026-11-28": 0.87,
    "requests, blind 3, 2026-11-28": 0.95,
    "requests, blind 4, 2026-12-05": 0.95,
    "requests, blind 5, 2026-12-05": 0.95,
    "requests, blind 6, 2026-12-05": 0.95,
    "requests, blind 7, 2026-12-06": 0.92,
    "requests, blind 8, 2026-12-07": 0.87,
    "requests, blind 9, 2026-12-08": 0.92,
    # First scores 34/40 and 35/40; 37 and 40 since the night of 2026-12-05 read their misses.
    "requests, blind 10, 2026-12-09": 0.87,
    "requests, blind 11, 2026-12-10": 0.95,
    # First score 33/40.
    "requests, blind 12, 2026-12-11": 0.95,
    # First score 33/40.
    "requests, blind 13, 2026-12-12": 0.82,
    # First score 35/40 (37/40 after reading it).
    "requests, blind 14, 2026-12-13": 0.87,
    # First scores (e057393, unread): 36/40 and 35/40; 37/40 each at the end of the day.
    "requests, blind 15, 2026-12-14": 0.85,
    "requests, blind 16, 2026-12-15": 0.82,
    # First scores on 7c39ea4: 36/40 and 38/40.
    "requests, blind 17, 2026-12-16": 0.85,
    "requests, blind 18, 2026-12-17": 0.9,
    # First scores on 7c39ea4: 34/40 and 39/40.
    "requests, blind 19, 2026-12-18": 0.82,
    "requests, blind 20, 2026-12-19": 0.92,
    # First scores on 5a0de34: 37/40 and 32/40.
    "requests, blind 21, 2026-12-20": 0.9,
    "requests, blind 22, 2026-12-21": 0.77,
    # First scores on fc419e8: 34/40 and 32/40.
    "requests, blind 23, 2026-12-22": 0.82,
    "requests, blind 24, 2026-12-23": 0.77,
    # On fc419e8: 31/40 and 31/40; at the session's end 35/40 and 33/40.
    "requests, blind 25, 2026-12-24": 0.82,
    "requests, blind 26, 2026-12-25": 0.77,
    # On ad0b0af (fifth session's start): 31/40, 35/40, 38/40; 27 and 28 kept unread, 29 read.
    "requests, blind 27, 2026-12-26": 0.75,
    "requests, blind 28, 2026-12-27": 0.82,
    "requests, blind 29, 2026-12-28": 0.9,
    # Written later the same session: 48/60 and 45/60 on ad0b0af, then read.
    "requests, blind 30, 2026-12-29": 0.85,
    "requests, blind 31, 2026-12-30": 0.8,
    # And later: 47/60 and 41/60 on ad0b0af (49 and 41 on the session's work then), then read.
    "requests, blind 32, 2026-12-31": 0.82,
    "requests, blind 33, 2027-01-01": 0.75,
    "requests, blind 34, 2027-01-02": 0.9,
    # Written at the start of the sixth session (helpers 80-83), 60 each, scored once on b07fa33
    # before any tuning: 51, 51, 44, 53. 37 and 39 read (57 and 55 at the session's end); 38
    # and 40 kept unread (52 and 53 at its end).
    "requests, blind 37, 2027-01-05": 0.9,
    "requests, blind 38, 2027-01-06": 0.83,
    "requests, blind 39, 2027-01-07": 0.88,
    "requests, blind 40, 2027-01-08": 0.85,
    # Written at the start of the seventh session (helpers 90, 91), scored once on e1f31fc
    # before any tuning: 51 and 47 of 60; both kept unread.
    "requests, blind 41, 2027-01-09": 0.82,
    "requests, blind 42, 2027-01-10": 0.75,
    # Written at the start of the eighth session (helpers 99, 100), scored once on 205b493
    # before any tuning: 52 and 54 of 60; 43 read (60/60 at the session's end), 44 (short,
    # phone-typed) kept unread (54 at the end).
    "requests, blind 43, 2027-01-11": 0.95,
    "requests, blind 44, 2027-01-12": 0.85,
    # Written mid-session (helper-103), requests mixed with other asks and plans described, not
    # named: 41/60 on 205b493, 42 on the session's first commit; then read (47 at its end).
    "requests, blind 45 (mixed asks), 2027-01-13": 0.75,
    # Written at the start of the ninth session (helper-107, mixed styles), scored once on
    # 4cc4d1a before any tuning: 50/60; read after the session's third commit (51), 55 then.
    "requests, blind 46, 2027-01-14": 0.9,
    # Written mid-session (helper-109, sixty writers of different roles and tones), scored once
    # on 4cc4d1a (44/60) and on the session's work so far (45). Kept unread.
    "requests, blind 47 (many writers), 2027-01-15": 0.72,
    # Written at the start of the tenth session (helpers 112-114), scored once on 3a9c4b1
    # before any tuning: 48 (phone typing) 51/60, read; 49 (roles) 53/60, kept unread; 50
    # (short and polite) 55/60, read.
    "requests, blind 48 (phone typing), 2027-01-16": 0.9,
    "requests, blind 49 (roles), 2027-01-17": 0.85,
    "requests, blind 50 (short), 2027-01-18": 0.9,
    # Written mid-session (helpers 115-117), scored once on 3a9c4b1 and on the session's work
    # then (both 56, 51, 52 of 60); read: shared-channel style, moods and pasted mails,
    # non-native English.
    "requests, blind 51 (shared channel), 2027-01-19": 0.95,
    "requests, blind 52 (moods), 2027-01-20": 0.93,
    "requests, blind 53 (non-native), 2027-01-21": 0.93,
    # Written late in the session (helpers 118-120), scored once on 3a9c4b1 and on the
    # session's work then (55 and 55, 48 and 49, 43 and 45 of 60); read: casual chat, time and
    # money beside the request, formal corporate writers.
    "requests, blind 54 (casual), 2027-01-22": 0.9,
    "requests, blind 55 (time and money), 2027-01-23": 0.88,
    "requests, blind 56 (corporate), 2027-01-24": 0.9,
    # Written at the session's end (helpers 122-123), scored once on 3a9c4b1 (54, 50 of 60)
    # and on a4da591 (54, 51). Kept unread.
    "requests, blind 57 (varied), 2027-01-25": 0.85,
    "requests, blind 58 (unsure), 2027-01-26": 0.8,
    # Written in the eleventh session (helpers 124-126), scored once on ff2be6b (49, 57, 43 of
    # 60); 59 (new admins) and 61 (rambling) read, 60 (Slack markup) kept unread.
    "requests, blind 59 (new admins), 2027-01-27": 0.9,
    "requests, blind 60 (slack markup), 2027-01-28": 0.9,
    "requests, blind 61 (rambling), 2027-01-29": 0.8,
    # Written later that session (helpers 127-128), scored once on ff2be6b (51, 52 of 60) and
    # on 0a66115 (52, 52). Kept unread.
    "requests, blind 62 (stories), 2027-01-30": 0.83,
    "requests, blind 63 (mixed writers), 2027-01-31": 0.83,
    # Written in the twelfth session (helpers 132-134), scored once on 43d2be4 (52, 53, 51 of
    # 60); 64 (finance) and 66 (typing fast) read, 65 (a writer each) kept unread.
    "requests, blind 64 (finance), 2027-02-01": 0.93,
    "requests, blind 65 (a writer each), 2027-02-02": 0.85,
    "requests, blind 66 (typing fast), 2027-02-03": 0.93,
    # Written later that session (helpers 135-136), scored once on 43d2be4 and on the session's
    # work then (52 and 52, 48 and 48 of 60); read.
    "requests, blind 67 (context first), 2027-02-04": 0.87,
    "requests, blind 68 (non-native), 2027-02-05": 0.88,
    # Written near its end (helpers 137-138), scored once on 43d2be4 and on the work then (55
    # and 55, 56 and 56 of 60). Kept unread.
    "requests, blind 69 (a person each), 2027-02-06": 0.88,
    "requests, blind 70 (as typed), 2027-02-07": 0.88,
    # Written at the start of the thirteenth session (helpers 141-143), scored once on 1cadc96
    # before any tuning: 49, 57, 57 of 60. 71 (explain first, ask last) read; 72 (typed on a
    # phone) and 73 (acting for others) kept unread.
    "requests, blind 71 (explain first), 2027-02-08": 0.85,
    "requests, blind 72 (on a phone), 2027-02-09": 0.9,
    "requests, blind 73 (for others), 2027-02-10": 0.92,
    # Written later that session (helpers 147-148) after the learned order odds, scored once on
    # 1cadc96 and on the work then (57 and 58, 41 and 45 of 60); 74 (a mix) kept unread, 75
    # (indirect, thinking aloud) read (50 at the session's end).
    "requests, blind 74 (a mix), 2027-02-11": 0.93,
    "requests, blind 75 (indirect), 2027-02-12": 0.8,
    # helper-31's attack on the plain-words reading (development data): 58/175 when written,
    # 151/175 after the hardening; 125 of them must change nothing.
    "requests, adversarial (helper-31)": 0.84,
    # helper-32's attack from outside (development data): 324/405 when written, 342 after.
    "requests, adversarial (helper-32)": 0.82,
    # helper-36's attack from outside on the leaving, resuming, access-direction and problem
    # readings (development data): 209/289 on e057393 (session start), 231 when written, 261 after.
    "requests, adversarial (helper-36)": 0.86,
    # helper-38's second attack from outside, mostly messages that must change nothing
    # (development data): 348/415 on e057393, 362 when written, 387 after.
    "requests, adversarial (helper-38)": 0.9,
    # Written 2026-12-06 (helper-44) against the corrections and question forms of that day:
    # 126/150 on 7c39ea4, 137 when written, 142 with the fixes it found, 139 after helper-45's
    # review made the corrections stricter (no change is made in any of the three).
    "requests, adversarial (helper-44)": 0.9,
    # Written 2026-12-06 (fourth session, helper-57) against that session's new readings:
    # 132/160 when written, 154 with the fixes it found.
    "requests, adversarial (helper-57)": 0.93,
    # Written the same session (helper-59) against its final readings, a stress set of what must
    # change nothing: 82/120 when written, 113 with the fixes it found.
    "requests, adversarial (helper-59)": 0.9,
    # helper-68's attack on the fifth session's readings: 119/150 when written.
    "requests, adversarial (helper-68)": 0.9,
    # helper-71's attack on the later readings: 104/120 when written.
    "requests, adversarial (helper-71)": 0.88,
    # helper-84's attack on the sixth session's readings: 75/120 on b07fa33, 91 when written,
    # 104 at the session's end.
    "requests, adversarial (helper-84)": 0.84,
    # helper-105's attack on the eighth session's readings (development data): 348/415 on
    # 205b493, 349 on the change it read, 387 at the session's end.
    "requests, adversarial (helper-105)": 0.9,
    # helper-121's attack on the tenth session's readings (development data): 163/247 on
    # 42ed04b when written (170 on the session's start), 207 with the fixes it found.
    "requests, adversarial (helper-121)": 0.82,
    # helper-129's attack on the eleventh session's order amid a story (development data):
    # 99/151 on ff2be6b, 82 on the session's work then, 113 with the fixes it found.
    "requests, adversarial (helper-129)": 0.72,
    # helper-130's attack on the respelling, the current tier and the order amid a story
    # (development data): 93/120 on ff2be6b, 99 when written, 103 with the fixes it found.
    "requests, adversarial (helper-130)": 0.83,
    # helper-139's attack on the twelfth session's readings (development data, chosen to differ
    # between the trees): 83/145 on 43d2be4, 62 on the work it read, 103 with the fixes it found.
    "requests, adversarial (helper-139)": 0.68,
    # helper-146's attack, written blind (seed article only) on 2026-12-07 to test the learned
    # order odds from outside: 132/150 on 1cadc96 (8 of 110 changes nobody asked for), 136 with
    # the odds at 0.7 before it was read (10 of 110); read since, and learned from: 147.
    "requests, adversarial (helper-146)": 0.95,
    # Blind negation sets (seed article only, 2026-12-07; 75 of 100 must change nothing): A
    # 93/100 on c1e68d0 (5 changes nobody asked for), read: 100. B kept unread: 94 on c1e68d0
    # (3 unasked), 95 now. C 91 on c1e68d0 (3), 92 on the work before it was read, read: 100.
    "requests, negations A (helper-150)": 0.97,
    "requests, negations B (helper-151)": 0.92,
    "requests, negations C (helper-152)": 0.97,
    # D (helper-153): 94 on c1e68d0 and on the work when written (5 unasked); read: 98.
    "requests, negations D (helper-153)": 0.96,
    # E (helper-155), kept unread: 92 on c1e68d0 and on e1a9d71 (1 unasked).
    "requests, negations E (helper-155)": 0.9,
    # F (helper-157, fifteenth session): 94 on e46f5f1 (3 unasked), read: 99.
    "requests, negations F (helper-157)": 0.97,
    # G (helper-159): 94 on e46f5f1 and on 3375d90 (5 unasked); read, and its order odds looked
    # at when the odds' doubt was set (unsure_orders.py): 97 (2 unasked).
    "requests, negations G (helper-159)": 0.95,
    # helper-160's attack on the fifteenth session's readings (development data): 18/40 on
    # 3375d90 with 15 real orders held back by its new phrases; 32 with them narrowed.
    "requests, adversarial (helper-160)": 0.75,
    # Request batch 76 (helper-158, mid-workday messages), kept unread: 59/60 on e46f5f1.
    "requests, blind 76 (mid-workday), 2027-02-13": 0.95,
    # H (helper-161), kept unread, scored once on the session's work: 96 on e46f5f1 (2 unasked),
    # 97 on the rules and already_so (1), 98 with the odds' doubt (0).
    "requests, negations H (helper-161)": 0.95,
    # Request batch 77 (helper-162, hedged and softened requests): 50/60 on e46f5f1, on the rules
    # and with the odds' doubt alike; read since (disclaimers before "but"): 53.
    "requests, blind 77 (hedged), 2027-02-14": 0.85,
    # Request batch 78 (helper-164, hedged too), kept unread: 52/60 on fce25f9, 53 now.
    "requests, blind 78 (hedged), 2027-02-15": 0.85,
    # Written at the start of the sixteenth session (seed article only), scored once on 307d1b2
    # before any tuning, then read: negation set I (helper-165) 95/100 with no change nobody
    # asked for, 99 since (an order behind words that only hurry or a mind changed); request
    # batch 79 (helper-166, busy days) 57/60, 58 since.
    "requests, negations I (helper-165)": 0.97,
    "requests, blind 79 (busy day), 2027-02-16": 0.93,
    # Written mid-session (helpers 168-169), scored once on fdfd437 and on the session's start
    # alike, then read: negation set J (shared channels) 91/100 with 3 changes nobody asked for,
    # 100 and none since; request batch 80 (hedged and indirect) 38/60, 46 since (a polite ask
    # after hedges, a doubt before "but").
    "requests, negations J (helper-168)": 0.97,
    "requests, blind 80 (hedged, indirect), 2027-02-17": 0.75,
    # Written late in the session (helpers 170-171), scored once on 7a6f6dc: negation set K
    # (polite and hedged writers) 94/100 with 2 changes nobody asked for (92, 2 on the session's
    # start), read since: 97, none; request batch 81 (a writer each) 55/60, kept unread.
    "requests, negations K (helper-170)": 0.95,
    "requests, blind 81 (a writer each), 2027-02-18": 0.88,
    "requests, negations L (helper-172)": 0.94,
    "requests, negations M (helper-174)": 0.97,
    "requests, negations N (helper-176)": 0.95,
    # Request batch 82 (helper-175, everyday customers), kept unread: 58/60 at start and end.
    "requests, blind 82 (everyday), 2027-02-19": 0.93,
    # Written at the start of the seventeenth session (seed article only), scored once on
    # 5eecffe before any tuning: negation set O (helper-177, hurried and non-native) 80/100 with
    # 5 changes nobody asked for, read since: 91, none; P (helper-178, frustrated customers)
    # 83 with 2, kept unread: 84, 2; request batch 83 (helper-179, non-native, phone) 53/60,
    # read since: 54. Negation set Q (helper-180, annoyed customers) 87 with 1 on d889ff7 (the
    # same on 5eecffe), read since: 95, none.
    "requests, negations O (helper-177)": 0.89,
    "requests, negations P (helper-178)": 0.82,
    "requests, negations Q (helper-180)": 0.93,
    "requests, blind 83 (non-native, phone), 2027-02-20": 0.88,
    # The session's two attacks (development data, read): helper-181's 55 (40 asking nothing,
    # all changed at first; 15 real requests missed), helper-182's 40 (all changed at first).
    "requests, adversarial (helper-181)": 0.7,
    "requests, adversarial (helper-182)": 0.85,
    # helper-186's (40, after the first two were mended; 1 of its 300 ordinary messages got a
    # change): 0/40 on d54b745's readings, 38 since.
    "requests, adversarial (helper-186)": 0.9,
    # Written late in the session (helpers 183-184) and kept unread: negation set R (every kind of
    # customer) 91/100 with none unasked, request batch 84 (a working day) 58/60, the same on
    # the session's start (5eecffe) and on f7d54ca.
    "requests, negations R (helper-183)": 0.89,
    "requests, blind 84 (working day), 2027-02-21": 0.93,
    # Eighteenth session (seed article only, scored once on 4fde15a, the session's start):
    # negation set S (helper-187, finance, procurement and ops between meetings) 93/100 with
    # none unasked, kept unread; request batch 85 (helper-188, shop owners on their phones)
    # 54/60, read since: 57; helper-189's attack (40 asking nothing that got a change, 10 real
    # requests missed; 7 of its 316 ordinary messages written first got a change) 0/50, 45
    # since. helper-190's attack on the mended readings (3 of its 300 written first got a
    # change; 40 kept that did, 10 real requests missed) 0/50 on 5643596, 37 since.
    "requests, negations S (helper-187)": 0.91,
    "requests, blind 85 (shop owners), 2027-02-22": 0.93,
    "requests, adversarial (helper-189)": 0.85,
    "requests, adversarial (helper-190)": 0.7,
    # Nineteenth session (seed article only, scored once on 1d94d24, the session's start):
    # negation set T (helper-192, agencies and IT admins, some dictated) 93/100 with none of 75
    # unasked, kept unread; request batch 86 (helper-193, dictated and non-native) 47/60, read
    # since: 57. The attacks from outside (helpers 194, 196, 197, 199: 2, 2, 6 and 2 of 300
    # ordinary messages written first got a change) kept 50 each that asked nothing: 36, 36, 41
    # and 44 got a change on the code they attacked, none since.
    "requests, negations T (helper-192)": 0.92,
    "requests, blind 86 (dictated, non-native), 2027-02-23": 0.9,
    "requests, adversarial (helper-194)": 0.96,
    "requests, adversarial (helper-196)": 0.96,
    "requests, adversarial (helper-197)": 0.96,
    "requests, adversarial (helper-199)": 0.96,
    # helper-200's attack on the mended readings (0 of its 250 ordinary messages written first
    # got a change; 91 of its 100 requests were done): 4/50 asking nothing and 0/30 requests
    # kept on 8d266f7; 49 and 12 since (the 30 are the hard ones: told as a lack, tiers moved
    # with an arrow, an upgrade where a resumption is meant, whose Confirm card resumes).
    "requests, adversarial (helper-200)": 0.96,
    "requests, adversarial (helper-200, real requests)": 0.4,
    # Twentieth session (seed article only, scored once on 558ee16, the session's start):
    # negation set U (helper-202, bookkeepers and AP staff, many non-native) 97/100 with none of
    # 75 unasked, and request batch 87 (helper-203, shop owners on their phones late at night)
    # 57/60, both kept unread. The attacks from outside (helper-205, the DM as a scratchpad: 6 of
    # 250 written first got a change; helper-206, a change named in passing: 3 of 250) kept 50
    # each that got one and 17 and 27 real requests missed: 0/67 and 0/77 on the code they
    # attacked, 44 and 64 since.
    "requests, negations U (helper-202)": 0.95,
    "requests, blind 87 (phones, late at night), 2027-02-24": 0.93,
    "requests, adversarial (helper-205)": 0.62,
    "requests, adversarial (helper-206)": 0.8,
    # helper-207 (follow-ups to the bot's cards: 2 of 250 written first got a change) and
    # helper-208 (questions without their question mark: 25 of 250) kept 50 each that got one
    # and 29 and 16 real requests missed: 0/79 and 0/66 on the code they attacked, 48 and 39
    # since.
    "requests, adversarial (helper-207)": 0.55,
    "requests, adversarial (helper-208)": 0.57,
}


@pytest.mark.parametrize("name", sorted(QUESTION_FLOORS))
def test_question_sets_keep_their_floor(shipped_services, name):
    path = QUESTION_SETS[name]
    if not path.exists():
        pytest.skip(f"{path} is not beside the repository")
    score = score_questions(shipped_services.conversation, name, path)
    right_floor, declined_floor = QUESTION_FLOORS[name]
    answerable = score.total - score.out_of_scope
    assert score.right >= right_floor * answerable, score.line()
    assert score.declined >= declined_floor * score.out_of_scope, score.line()


def _request_score(settings, knowledge, name: str):
    """A request set scored in a RequestWorld of its own."""
    world = RequestWorld(settings, knowledge)
    try:
        return score_requests(world, name, REQUEST_SETS[name])
    finally:
        world.close()


@pytest.mark.parametrize("name", sorted(REQUEST_FLOORS))
def test_request_sets_keep_their_floor(shipped_settings, knowledge, name):
    score = _request_score(shipped_settings, knowledge, name)
    assert score.right >= REQUEST_FLOORS[name] * score.total, score.line()


# Changes nobody asked for, on the blind negation sets (75 messages each that ask for none): at
# most this many are decided a change. B is kept unread: 3 on c1e68d0, 2 on e46f5f1, 0 now
# (a cancel asked of the free tier is told so: already_so.py; a revoke the odds doubt is asked
# about first: unsure_orders.py).
UNASKED_CEILINGS = {
    "requests, negations A (helper-150)": 0,
    "requests, negations B (helper-151)": 0,
    "requests, negations C (helper-152)": 0,
    "requests, negations D (helper-153)": 0,
    "requests, negations E (helper-155)": 1,
    "requests, negations F (helper-157)": 0,
    "requests, negations G (helper-159)": 0,
    "requests, negations H (helper-161)": 0,
    "requests, negations I (helper-165)": 0,
    "requests, negations J (helper-168)": 0,
    "requests, negations K (helper-170)": 0,
    # L (helper-172, a writer each), written at the session's end and kept unread: 95 (2 unasked)
    # on the session's start, 96 (1) at its end.
    "requests, negations L (helper-172)": 1,
    # M (helper-174, finance, ops and IT on a busy day), written late: 95 with 3 changes nobody
    # asked for on the session's start and on ebc0fd9 alike; read since: 100, none.
    "requests, negations M (helper-174)": 0,
    # N (helper-176, every kind of customer), written last and kept unread: 96 with none on the
    # session's start, 97 with none at its end.
    "requests, negations N (helper-176)": 0,
    "requests, negations O (helper-177)": 0,
    # P (helper-178, frustrated customers), kept unread: 2 at its first score and since.
    "requests, negations P (helper-178)": 2,
    "requests, negations Q (helper-180)": 0,
    "requests, negations R (helper-183)": 0,
    "requests, negations S (helper-187)": 0,
    "requests, negations T (helper-192)": 0,
    "requests, negations U (helper-202)": 0,
}


@pytest.mark.parametrize("name", sorted(UNASKED_CEILINGS))
def test_a_change_nobody_asked_for_stays_rare(shipped_settings, knowledge, name):
    score = _request_score(shipped_settings, knowledge, name)
    assert score.ask_none >= 75
    assert score.unasked <= UNASKED_CEILINGS[name], score.line()

