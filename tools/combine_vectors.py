# ruff: noqa: E501  (case names and the hand-worked arithmetic are read as one line each)
"""Write tests/vectors/combine/service-check.json: result files, and what combining them gives,
worked out by hand.

Every expected figure below is written as a fraction from the answers (the comments show the
arithmetic); nothing here calls the code under test except for the questionnaire fingerprint the
files carry, as an export would. Run it after changing a case and review the diff:

    python tools/combine_vectors.py
"""

import json
import uuid
from fractions import Fraction as F
from pathlib import Path

from playbook_gen.content.loader import load_handbook
from playbook_gen.results.format import questionnaire

ROOT = Path(__file__).resolve().parent.parent
book = load_handbook(ROOT / "tests/sites/customers/content")
FP = questionnaire(book.assessments["service-check"])
D1, D0 = "2026-11-20", "2026-05-12"
Q = ["rsp-reply", "rsp-chase", "rsp-triage", "clr-status", "clr-words", "cov-rota", "cov-handover"]
CQ = ["rsp-reply", "rsp-chase", "clr-status", "clr-words"]
n = [0]


def rid(tag):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "pb-combine-vector/" + tag))


def file(tag, team, date, qs, values, perspective=None, **extra):
    f = {
        "format": "playbook-assessment-result",
        "version": 1,
        "id": rid(tag),
        "assessment": "service-check",
        "questionnaire": FP,
        "team": team,
        "date": date,
    }
    if perspective is not None:
        f["perspective"] = perspective
    f["answers"] = dict(zip(qs, values, strict=False))
    f.update(extra)
    return f


def S(tag, vals, team="Payroll", date=D1, perspective=None):
    return file(tag, team, date, Q, vals, perspective)


def C(tag, vals, team="Payroll", date=D1):
    return file(tag, team, date, CQ, vals, "customer")


def S1(**k):
    return S("s1" + k.get("date", D1) + k.get("team", ""), [4, 2, 5, 4, 5, 4, 3], **k)


def S2(**k):
    return S(
        "s2" + k.get("date", D1) + k.get("team", ""), [5, 1, 4, 3, 4, 5, 4], perspective="self", **k
    )


def S3(**k):
    return S("s3" + k.get("date", D1) + k.get("team", ""), [4, 3, 3, 4, 3, 3, 3], **k)


def C1(**k):
    return C("c1" + k.get("date", D1) + k.get("team", ""), [3, 4, 2, 4], **k)


def C2(**k):
    return C("c2" + k.get("date", D1) + k.get("team", ""), [2, 4, 3, 3], **k)


def C3(**k):
    return C("c3" + k.get("date", D1) + k.get("team", ""), [4, 2, 4, 4], **k)


def C4(**k):
    return C("c4" + k.get("date", D1) + k.get("team", ""), [3, 3, 2, 3], **k)


def fl(x):
    return None if x is None else float(x)


def side(respondents, dims=None):
    """dims: (responsiveness, clarity, cover) as fractions, or None when withheld."""
    withheld = dims is None
    dims = dims or (None, None, None)
    return {
        "respondents": respondents,
        "withheld": withheld,
        "dimensions": dict(
            zip(["responsiveness", "clarity", "cover"], map(fl, dims), strict=False)
        ),
    }


def gaps(*items):
    return [
        {"dimension": d, "customer": fl(c), "self": fl(s), "gap": fl(c - s)} for d, c, s in items
    ]


def date(d, self, customer, g):
    return {"date": d, "self": self, "customer": customer, "gaps": g}


# Hand-worked figures (see "about" and each case's "name"):
# S1: rsp (4 + (6-2) + 5)/3 = 13/3, clr (4+5)/2 = 9/2, cov (4+3)/2 = 7/2; same questions: rsp (4+4)/2 = 4
# S2: rsp (5+5+4)/3 = 14/3, clr 7/2, cov 9/2; same: rsp 5
# S3: rsp (4+3+3)/3 = 10/3, clr 7/2, cov 3; same: rsp 7/2
SELF = side(3, (F(37, 9), F(23, 6), F(11, 3)))  # (13/3+14/3+10/3)/3, (9/2+7/2+7/2)/3, (7/2+9/2+3)/3
SAME_RSP, SAME_CLR = F(25, 6), F(23, 6)  # (4+5+7/2)/3; clarity's questions are all customer ones
# C1: rsp (3 + (6-4))/2 = 5/2, clr (2+4)/2 = 3; C2: rsp 2, clr 3; C3: rsp 4, clr 4; C4: rsp 3, clr 5/2
CUST4 = side(4, (F(23, 8), F(25, 8), None))  # (5/2+2+4+3)/4, (3+3+4+5/2)/4
GAPS4 = gaps(
    ("responsiveness", F(23, 8), SAME_RSP), ("clarity", F(25, 8), SAME_CLR)
)  # -31/24, -17/24
CUST3 = side(3, (F(17, 6), F(10, 3), None))  # C1..C3: (5/2+2+4)/3, (3+3+4)/3

cases = []


def case(name, files, teams, problems=()):
    c = {"name": name, "files": files, "expected": {"teams": teams}}
    if problems:
        c["problems"] = list(problems)
    cases.append(c)


def payroll(*dates, name="Payroll"):
    return {"team": name, "dates": list(dates)}


case(
    "3 self + 4 customers: both shown, the gap largest first; cover has no customer questions, so no customer score and no gap there",
    [S1(), S2(), S3(), C1(), C2(), C3(), C4()],
    [payroll(date(D1, SELF, CUST4, GAPS4))],
)

case(
    "3 self + 2 customers: the customers' count only (not enough responses), no gap",
    [S1(), S2(), S3(), C1(), C2()],
    [payroll(date(D1, SELF, side(2), None))],
)

case(
    "customers only: their scores, no gap (the team has no respondents of its own that day)",
    [C1(), C2(), C3(), C4()],
    [payroll(date(D1, None, CUST4, None))],
)

case(
    "2 self + 3 customers: the customers' scores, the team's own withheld, no gap",
    [S1(), S2(), C1(), C2(), C3()],
    [payroll(date(D1, side(2), CUST3, None))],
)

# Two dates. On D0: T1 rsp (3+3+3)/3 = 3, clr 3, cov 2, same rsp 3; T2 rsp (4+4+2)/3 = 10/3, clr 7/2, cov 3, same rsp 4;
# T3 rsp (3+4+4)/3 = 11/3, clr 5/2, cov 5/2, same rsp 7/2.
T1 = S("t1", [3, 3, 3, 3, 3, 2, 2], date=D0)
T2 = S("t2", [4, 2, 2, 3, 4, 3, 3], date=D0)
T3 = S("t3", [3, 2, 4, 2, 3, 2, 3], date=D0)
SELF0 = side(3, (F(10, 3), F(3), F(5, 2)))  # (3+10/3+11/3)/3, (3+7/2+5/2)/3, (2+3+5/2)/3
GAPS0 = gaps(("responsiveness", F(17, 6), F(7, 2)), ("clarity", F(10, 3), F(3)))  # -2/3, +1/3
case(
    "two dates, latest first: each date's customers compared with the team's own of that date (a positive gap: customers rate clarity higher)",
    [T1, C1(date=D0), S1(), S2(), T2, C2(date=D0), S3(), C1(), C2(), C3(), C4(), T3, C3(date=D0)],
    [payroll(date(D1, SELF, CUST4, GAPS4), date(D0, SELF0, CUST3, GAPS0))],
)

# A customer's N/A: C3n answers neither responsiveness question, so only 2 customers score it (< 3): withheld, no gap there.
C3n = file("c3n", "Payroll", D1, CQ + ["cov-rota"], [None, None, 4, 4, None], "customer")
case(
    "N/A answers from a customer: too few customers score responsiveness, so it is withheld and has no gap; an N/A to a team-only question is ignored",
    [S1(), S2(), S3(), C1(), C2(), C3n],
    [
        payroll(
            date(D1, SELF, side(3, (None, F(10, 3), None)), gaps(("clarity", F(10, 3), SAME_CLR)))
        )
    ],
)  # -1/2

# The team's N/A: S3n answers only rsp-triage in responsiveness: the team's own score there stays given
# ((13/3 + 14/3 + 3)/3 = 4), but only 2 of its respondents answered the customer questions: like with like withheld.
S3n = S("s3n", [None, None, 3, 4, 3, 3, 3])
case(
    "N/A answers from the team on the customer questions: its own score is given, but the like-with-like score is withheld, so responsiveness has no gap",
    [S1(), S2(), S3n, C1(), C2(), C3(), C4()],
    [
        payroll(
            date(
                D1,
                side(3, (F(4), F(23, 6), F(11, 3))),
                CUST4,
                gaps(("clarity", F(25, 8), SAME_CLR)),
            )
        )
    ],
)

# Names differing in case and spaces are one team, named as first written; teams sorted by name.
# Facilities: one respondent of its own (withheld), three customers: F1 rsp 5, clr 9/2; F2 rsp 4, clr 4; F3 rsp (4+5)/2 = 9/2, clr 4.
fac = [
    S("f-s1", [4, 2, 4, 4, 4, 4, 4], team="Facilities"),
    C("f-c1", [5, 1, 5, 4], team="facilities"),
    C("f-c2", [4, 2, 4, 4], team="FACILITIES "),
    C("f-c3", [4, 1, 3, 5], team=" Facilities"),
]
case(
    "team names differing in case and spaces are one team, named as first written; teams in order of name; a team with one respondent of its own and three customers",
    [
        S1(team="Payroll"),
        S2(team="payroll"),
        fac[0],
        S3(team="  PAYROLL "),
        C1(team="PayRoll"),
        fac[1],
        C2(team="payroll "),
        C3(team=" Payroll"),
        fac[2],
        C4(team="PAYROLL"),
        fac[3],
    ],
    [
        {
            "team": "Facilities",
            "dates": [date(D1, side(1), side(3, (F(9, 2), F(25, 6), None)), None)],
        },
        payroll(date(D1, SELF, CUST4, GAPS4)),
    ],
)

# Equal gaps: responsiveness +1/2 and clarity -1/2 (exact in binary): by size they tie, so the
# assessment's order decides, not the sign. R1..R3: same-questions rsp (4 + (6-2))/2 = 4, clr 4,
# full rsp (4+4+3)/3 = 11/3, cov 3. K1: rsp 5, clr 7/2; K2: rsp 4, clr 7/2; K3: rsp (5+4)/2 = 9/2, clr 7/2.
R = [S(f"r{i}", [4, 2, 3, 4, 4, 3, 3]) for i in (1, 2, 3)]
K = [C("k1", [5, 1, 3, 4]), C("k2", [4, 2, 4, 3]), C("k3", [5, 2, 3, 4])]
case(
    "a tie: gaps of equal size (one higher, one lower) keep the assessment's order",
    R + K,
    [
        payroll(
            date(
                D1,
                side(3, (F(11, 3), F(4), F(3))),
                side(3, (F(9, 2), F(7, 2), None)),
                gaps(("responsiveness", F(9, 2), F(4)), ("clarity", F(7, 2), F(4))),
            )
        )
    ],
)

twice = C3()
case(
    "a customer's file handed in twice (same id) counts once: 3 customers, not 4",
    [S1(), S2(), S3(), C1(), C2(), twice, dict(twice)],
    [
        payroll(
            date(
                D1,
                SELF,
                CUST3,
                gaps(("responsiveness", F(17, 6), SAME_RSP), ("clarity", F(10, 3), SAME_CLR)),
            )
        )
    ],  # -4/3, -1/2
    problems=[{"file": 6, "level": "warning", "kind": "handed-in-twice"}],
)

bad = [
    file("x1", "Payroll", D1, CQ, [1, 5, 1, 1], "customers"),
    file("x2", "Payroll", D1, ["cov-rota", "cov-handover"], [1, 1], "customer"),
    file("x3", "Payroll", D1, Q, [1, 5, 1, 1, 1, 1, 1], "customer"),
    file("x4", "Payroll", D1, CQ, [1, 5, 1, 1], 2),
]
case(
    "files that name an unknown perspective, or are a customer's but answer team-only questions (only those, or mixed with customer ones), are errors and not counted",
    [S1(), S2(), S3(), C1(), bad[0], C2(), bad[1], C3(), bad[2], C4(), bad[3]],
    [payroll(date(D1, SELF, CUST4, GAPS4))],
    problems=[
        {"file": 4, "level": "error", "kind": "unknown-perspective"},
        {"file": 6, "level": "error", "kind": "team-only-answers"},
        {"file": 8, "level": "error", "kind": "mixed-perspectives"},
        {"file": 10, "level": "error", "kind": "unknown-perspective"},
    ],
)

doc = {
    "about": (
        "Combining result files with both perspectives, worked out by hand (the arithmetic is in "
        "tools/combine_vectors.py, which writes this file; the rules are in docs/editing.md, "
        "'Assessment results'). Python (results.read_results + aggregate) and "
        "Chromium (PB.combine) must both match every case. Files are grouped by assessment, team (case "
        "and spaces don't count; named as first written; teams in order of name), date (latest first) "
        "and perspective ('self' when absent). min_respondents is 3 for each perspective apart: below "
        "it, 'withheld' is true and every dimension is null. A dimension's score is null too when it "
        "is withheld (fewer than 3 respondents score it, but some do) or nobody scores it. 'self' or "
        "'customer' is null when that perspective has no files that day. 'gaps' is null unless both "
        "sides are given (neither withheld); otherwise one entry per dimension where the customers' "
        "score and the team's own score on the same questions (those with a customer wording, each "
        "respondent scored on them alone) are both given: gap = customer - self, largest absolute gap "
        "first, ties in dimension order. 'problems' (when present): files (index into 'files') that "
        "get a problem; an error means the file is not counted, a warning that it counts as said."
    ),
    "handbook": "tests/sites/customers",
    "assessment": "service-check",
    "min_respondents": 3,
    "cases": cases,
}
out = ROOT / "tests/vectors/combine/service-check.json"
out.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
print(len(cases), "cases", out.stat().st_size, "bytes")
