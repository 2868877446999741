"""e2e_test: an end-to-end test against the real broker and ingestd."""

load("@rules_cc//cc:defs.bzl", "cc_test")

def e2e_test(name, srcs, data = [], deps = []):
    """A large, exclusive cc_test on the e2e fixture with the ingestd binary.

    Exclusive: one of the tests restarts the broker, so they run one at a time.

    Args:
      name: the test's name.
      srcs: its sources.
      data: files it reads besides the ingestd binary.
      deps: libraries besides the fixture and gtest_main.
    """
    cc_test(
        name = name,
        size = "large",
        srcs = srcs,
        data = ["//services/ingest:ingestd"] + data,
        tags = [
            "e2e",
            "exclusive",
        ],
        deps = [
            ":e2e_fixture",
            "@system//:gtest_main",
        ] + deps,
    )
