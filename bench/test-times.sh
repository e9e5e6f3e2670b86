#!/usr/bin/env bash
# The time of every test class of the last `mvn test` or `mvn verify`, slowest first, and each module's total, from
# the reports surefire (unit tests) and failsafe (tests tagged slow) leave in */target/. .ci/run prints it at the end.
#   bench/test-times.sh [COUNT]    (the COUNT slowest classes; default all)
set -euo pipefail
cd "$(dirname "$0")/.."
python3 - "${1:-0}" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
rows = []
for path in glob.glob("*/target/surefire-reports/TEST-*.xml") + glob.glob("*/target/failsafe-reports/TEST-*.xml"):
    suite = ET.parse(path).getroot()
    kind = "slow" if "failsafe" in path else "unit"
    rows.append((float(suite.get("time", 0)), path.split("/")[0], kind, suite.get("name"), int(suite.get("tests", 0))))
if not rows:
    sys.exit("test-times: no test reports under */target/; run mvn test or mvn verify first")
count = int(sys.argv[1]) or len(rows)
print(f"{'seconds':>8}  {'module':<11}{'kind':<6}{'tests':>5}  class")
for seconds, module, kind, name, tests in sorted(rows, reverse=True)[:count]:
    print(f"{seconds:8.1f}  {module:<11}{kind:<6}{tests:5d}  {name}")
totals = {}
for seconds, module, kind, *_ in rows:
    totals[(module, kind)] = totals.get((module, kind), 0) + seconds
print("totals: " + ", ".join(f"{m} {k} {s:.0f} s" for (m, k), s in sorted(totals.items()))
      + f"; all {sum(r[0] for r in rows):.0f} s in test JVMs")
PY
