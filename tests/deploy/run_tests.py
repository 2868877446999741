#!/usr/bin/env python3
"""Runs the deploy/ test suite and ends with one line `N passed, N failed`.

    tests/deploy/run_tests.py [--static] [MODULE[.Class[.test]] ...]

--static leaves out the live test and the image test (no broker, no
Prometheus, no podman). Use
tests/deploy/run.sh, which installs the tools and builds the binaries first.
"""
import os
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

MODULES = ["test_image", "test_k8s", "test_prometheus", "test_live", "test_container"]
LIVE_MODULES = {"test_live", "test_container"}


class CountingResult(unittest.TextTestResult):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.passed = []

    def addSuccess(self, test):
        super().addSuccess(test)
        self.passed.append(test)


def main(argv):
    names = [a for a in argv if not a.startswith("--")]
    if not names:
        names = [m for m in MODULES if not ("--static" in argv and m in LIVE_MODULES)]
    suite = unittest.defaultTestLoader.loadTestsFromNames(names)
    runner = unittest.TextTestRunner(stream=sys.stderr, verbosity=2, resultclass=CountingResult)
    start = time.time()
    result = runner.run(suite)
    failed = result.failures + result.errors + [(t, "unexpected success") for t in result.unexpectedSuccesses]
    for test, _ in failed:
        print("FAILED: %s" % test.id())
    for test, reason in result.skipped:
        print("SKIPPED: %s: %s" % (test.id(), reason))
    print("deploy tests: %d skipped, took %d s" % (len(result.skipped), time.time() - start))
    print("%d passed, %d failed" % (len(result.passed), len(failed)))
    return 1 if failed or not result.testsRun else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
