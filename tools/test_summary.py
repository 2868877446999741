#!/usr/bin/env python3
"""Counts test cases in the JUnit XML files Bazel wrote for the given targets.

    tools/test_summary.py TESTLOGS_DIR //pkg:target ...

Prints one line per failed test case, then `N passed, N failed, N skipped`.
A target whose binary crashed or timed out counts as one failed case.
"""
import os
import sys
import xml.etree.ElementTree as ElementTree


def target_xml(testlogs, target):
    package, _, name = target.lstrip("/").partition(":")
    return os.path.join(testlogs, package, name, "test.xml")


def count(path, target):
    """Returns (passed, failed, skipped, failure lines) for one test.xml."""
    try:
        root = ElementTree.parse(path).getroot()
    except (OSError, ElementTree.ParseError) as error:
        return 0, 1, 0, ["%s: no test result (%s)" % (target, error)]
    passed = failed = skipped = 0
    failures = []
    for case in root.iter("testcase"):
        name = "%s %s.%s" % (target, case.get("classname", ""), case.get("name", ""))
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
            failures.append(name)
        elif case.find("skipped") is not None or case.get("result") == "skipped" \
                or case.get("status") == "notrun":
            skipped += 1
        else:
            passed += 1
    if passed + failed + skipped == 0:
        # Bazel's own XML for a crashed or timed-out binary has no cases.
        suites = list(root.iter("testsuite")) or [root]
        errors = sum(int(s.get("errors", 0)) + int(s.get("failures", 0)) for s in suites)
        if errors:
            return 0, 1, 0, ["%s: binary failed" % target]
    return passed, failed, skipped, failures


def main():
    testlogs, targets = sys.argv[1], sys.argv[2:]
    totals = [0, 0, 0]
    for target in targets:
        passed, failed, skipped, failures = count(target_xml(testlogs, target), target)
        totals[0] += passed
        totals[1] += failed
        totals[2] += skipped
        for line in failures:
            print("FAILED: " + line)
    print("%d passed, %d failed, %d skipped" % tuple(totals))
    return 1 if totals[1] else 0


if __name__ == "__main__":
    sys.exit(main())
