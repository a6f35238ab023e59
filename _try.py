import sys, json, collections
import remit
from remit.loaders import load
for f in sys.argv[1:]:
    tl = load(f)
    print("==", f, len(tl.tasks), "chapters", len(tl.chapters), tl.lead_rule)
    a = tl.assignments
    facts = json.load(open(f.replace(".html", ".facts.json")))
    for u, c in facts["counts"].items():
        sub = a[a.unit == u]
        print(f"  {u}: lead {sum(sub.role=='lead')} support {sum(sub.role=='support')}  facts {c}")
    print("  units:", sorted(tl.units.unit)[:80])
    print(tl.findings[["severity","code","message"]].to_string()[:1500])
