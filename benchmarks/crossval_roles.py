"""Thirteenth round experiment: the cross-validation with the role features of one variant.

    python benchmarks/crossval_roles.py off|on|v3|v4|v6|v7|v9|v10 [--json OUT]

See docs/scoring.md, "Dertiende ronde". Reverted with the features; kept in history.
"""
import sys
from pathlib import Path
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
import casusspel.scoring.model as m
import casusspel.scoring.roles_nl as r
variant = sys.argv[1]
m.ROLE_FEATURES = variant != "off"
m.ROLE_CONCEPTS = variant in ("v4", "v5")
def narrow(clause, describe=False, full=False, agents=None):
    if agents is not None and clause.agent not in agents:
        return ()
    base = f"{r.ROLE_PREFIX}{clause.agent}>{clause.action}"
    if clause.action == r.DESCRIBE:
        return (f"{base}@{clause.mood}",) if describe and clause.agent != "team" else ()
    out = [f"{base}@{clause.mood}"]
    if clause.patient is not None:
        out.append(f"{base}>{clause.patient}")
        if full:
            out.append(f"{base}>{clause.patient}@{clause.mood}")
    return tuple(out)
if variant in ("v3", "v5"):
    m.role_features = narrow
if variant == "v6":
    m.role_features = lambda c: narrow(c, describe=True)
if variant == "v7":
    m.role_features = lambda c: narrow(c, full=True)
if variant == "v9":
    m.role_features = lambda c: narrow(c, full=True, agents={"team", "client"})
if variant == "v10":
    m.role_features = lambda c: narrow(c, full=True)
    m.ROLE_IK = True
if variant == "v8":
    m.role_features = lambda c: narrow(c, agents={"team", "client"})
import crossval
crossval.main(sys.argv[2:])
