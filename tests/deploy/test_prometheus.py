"""deploy/prometheus and deploy/grafana, without a running service: promtool
check and unit tests, runbook links, dashboard structure, metric names."""
import re
import unittest

import yaml

import deploylib as d


def readme_anchors():
    """GitHub-style anchors of the headings in deploy/README.md."""
    anchors = set()
    with open(d.README, encoding="utf-8") as f:
        for line in f:
            match = re.match(r"#+\s+(.*)", line)
            if match:
                slug = re.sub(r"[^\w\- ]", "", match.group(1).strip().lower()).replace(" ", "-")
                anchors.add(slug)
    return anchors


def known_metric(name):
    """A series name ingestd exports (per its sources) or Prometheus makes."""
    if name == "up":
        return True
    families = d.exported_metric_names()
    if name in families:
        return True
    for suffix in ("_bucket", "_sum", "_count"):
        if name.endswith(suffix) and name[: -len(suffix)] in d.histogram_families():
            return True
    return False


class RulesTest(unittest.TestCase):
    def test_promtool_check_rules(self):
        result = d.run([d.tool("promtool"), "check", "rules", d.RULES])
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("SUCCESS: %d rules found" % len(d.alerts()), result.stdout)

    def test_promtool_test_rules(self):
        result = d.run([d.tool("promtool"), "test", "rules", d.RULES_TEST], timeout=600)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_every_alert_tested_firing_and_silent(self):
        with open(d.RULES_TEST, encoding="utf-8") as f:
            tests = yaml.safe_load(f)["tests"]
        firing, silent = set(), set()
        for test in tests:
            for case in test.get("alert_rule_test", []):
                (firing if case.get("exp_alerts") else silent).add(case["alertname"])
        names = {a["alert"] for a in d.alerts()}
        self.assertEqual(names - firing, set(), "alerts never tested firing")
        self.assertEqual(names - silent, set(), "alerts never tested silent")

    def test_issue_alerts_present(self):
        names = {a["alert"] for a in d.alerts()}
        for name in ("NewswireIngestStalled", "NewswireConsumerLagGrowing", "NewswireDlqRateHigh",
                     "NewswireViewBehindLog", "NewswireEndToEndLatencyHigh", "NewswireSourceQuiet",
                     "NewswireSubscribersReadingStore"):
            self.assertIn(name, names)

    def test_alerts_have_severity_summary_and_runbook(self):
        anchors = readme_anchors()
        for alert in d.alerts():
            self.assertIn(alert["labels"].get("severity"), ("warning", "critical"), alert["alert"])
            for key in ("summary", "description", "runbook_url"):
                self.assertIn(key, alert["annotations"], alert["alert"])
            url = alert["annotations"]["runbook_url"]
            self.assertTrue(url.startswith("deploy/README.md#"), url)
            self.assertIn(url.split("#", 1)[1], anchors, "no runbook heading for %s" % alert["alert"])

    def test_alert_metrics_are_exported(self):
        for alert in d.alerts():
            names = d.metric_names(alert["expr"])
            self.assertTrue(names, alert["alert"])
            for name in names:
                self.assertTrue(known_metric(name), "%s reads %s, which ingestd does not export"
                                % (alert["alert"], name))

    def test_measurements_split(self):
        """The live test evaluates each alert's compared operands: check the split."""
        for alert in d.alerts():
            parts = d.measurements(alert["expr"])
            self.assertTrue(parts, alert["alert"])
            for part in parts:
                self.assertTrue(d.metric_names(part), "%s: operand without a metric: %s" % (alert["alert"], part))
                self.assertNotRegex(part.strip(), r"^(and|or|unless|on|ignoring)\b")


class DashboardTest(unittest.TestCase):
    def setUp(self):
        self.dashboard = d.load_dashboard()

    def test_identity_and_datasource_variable(self):
        self.assertEqual(self.dashboard["uid"], "newswire")
        self.assertGreaterEqual(self.dashboard["schemaVersion"], 36)
        variables = {v["name"]: v for v in self.dashboard["templating"]["list"]}
        self.assertEqual(variables["datasource"]["type"], "datasource")
        self.assertEqual(variables["datasource"]["query"], "prometheus")
        for panel in self.dashboard["panels"]:
            if panel["type"] == "row":
                continue
            self.assertEqual(panel["datasource"], {"type": "prometheus", "uid": "${datasource}"}, panel["title"])
            for target in panel["targets"]:
                self.assertEqual(target["datasource"]["uid"], "${datasource}")

    def test_variables_used_are_defined(self):
        defined = {v["name"] for v in self.dashboard["templating"]["list"]}
        for title, _, expr in d.dashboard_targets():
            for var in re.findall(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)", expr):
                if not var.startswith("__"):
                    self.assertIn(var, defined, title)

    def test_ids_unique_and_layout_without_overlap(self):
        ids = [p["id"] for p in self.dashboard["panels"]]
        self.assertEqual(len(ids), len(set(ids)))
        cells = {}
        for panel in self.dashboard["panels"]:
            g = panel["gridPos"]
            self.assertLessEqual(g["x"] + g["w"], 24, panel["title"])
            for x in range(g["x"], g["x"] + g["w"]):
                for y in range(g["y"], g["y"] + g["h"]):
                    self.assertNotIn((x, y), cells, "%s overlaps %s" % (panel["title"], cells.get((x, y))))
                    cells[(x, y)] = panel["title"]
        for panel in self.dashboard["panels"]:
            if panel["type"] != "row":
                refs = [t["refId"] for t in panel["targets"]]
                self.assertTrue(refs, panel["title"])
                self.assertEqual(len(refs), len(set(refs)), panel["title"])

    def test_metrics_are_exported(self):
        for title, ref, expr in d.dashboard_targets():
            names = d.metric_names(expr)
            self.assertTrue(names, "%s %s" % (title, ref))
            for name in names:
                self.assertTrue(known_metric(name), "%s reads %s, which ingestd does not export"
                                % (title, name))

    def test_covers_what_the_issue_asks(self):
        exprs = "\n".join(expr for _, _, expr in d.dashboard_targets())
        for needle in (
                "rate(newswire_raw_records_total",                       # throughput in
                "rate(newswire_events_sent_total",                       # out, events sent
                "max by (kind) (rate(newswire_stories_out_total",        # by kind
                "max by (decision) (rate(newswire_view_records_total",   # new/version/duplicate
                "sum by (section) (rate(newswire_stories_by_section_total",
                "sum by (agency) (rate(newswire_stories_produced_by_agency_total",
                "sum by (reason) (rate(newswire_dlq_records_total",
                "max by (topic, partition) (newswire_consumer_lag",
                "newswire_stage_seconds_bucket", "newswire_fold_seconds_bucket",
                "newswire_end_to_end_seconds_bucket",
                "newswire_subscribers{", "newswire_subscribers_reading_store",
                "process_resident_memory_bytes", "process_cpu_seconds_total"):
            self.assertIn(needle, exprs)


if __name__ == "__main__":
    unittest.main()
