"""The dashboard and the alerts measure what they claim, on a running ingestd.

Starts, all on 127.0.0.1:
  - a Kafka broker (tools/kafka.sh on free ports), unless NEWSWIRE_KAFKA_BROKERS
    names one, and three topics of the test's own;
  - ingestd, with the command line the trial overlay gives its pod: the
    image's ENTRYPOINT flags, the rendered ConfigMap flagfiles (written to a
    temp folder that stands in for /etc/newswire) and the pod's args, then the
    test's own brokers, topics, store and ports. One extra bootstrap address
    has nothing listening (and sparse connections are off), so Kafka
    transport errors are counted;
  - a subscriber (wirectl subscribe --from_beginning), so events are sent and
    end-to-end latency observed;
  - Prometheus (Debian package) scraping ingestd every second as job
    "newswire", with deploy/prometheus/newswire.rules.yml loaded.
Publishes testdata/stories/*.txt, two agency stories (Kyodo, AP), an empty
record (DLQ) and a story again under another URL, waits until Prometheus has seen
them, then:
  - every dashboard query (variables at "All") returns data, not only NaN;
  - every alert expression evaluates, and each measurement it compares
    (its operands, offsets dropped: this Prometheus has minutes of history)
    returns data; every alerting rule is loaded and healthy;
  - every metric name a query reads is in ingestd's /metrics;
  - `promtool check metrics` finds nothing in that /metrics.
"""
import json
import math
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request

import deploylib as d

STORIES = sorted(os.path.join(d.ROOT, "testdata", "stories", f)
                 for f in os.listdir(os.path.join(d.ROOT, "testdata", "stories")) if f.endswith(".txt"))

AGENCY_STORIES = {
    "kyodo-quake.txt": "Quake shakes northern Japan, no tsunami warning\n\n"
                       "TOKYO, Nov. 26 (Kyodo) -- A strong earthquake shook northern Japan on Wednesday, "
                       "the Meteorological Agency said, adding that no tsunami warning was issued.\n\n"
                       "There were no immediate reports of damage or injuries in the affected prefectures, "
                       "officials said.\n",
    "ap-storm.txt": "Storm knocks out power to thousands on Gulf Coast\n\n"
                    "NEW ORLEANS (AP) -- A powerful storm knocked out power to tens of thousands of homes "
                    "along the Gulf Coast on Tuesday, utility companies said.\n\n"
                    "Crews were working to restore service, but officials warned some outages could last days.\n",
}
AGENCIES = {"KYODO", "AP"}


def log(message):
    sys.stderr.write("live: %s\n" % message)
    sys.stderr.flush()


free_port = d.free_port
http_get = d.http_get
wait_for = d.wait_for


class Live:
    """Everything the live test starts, and its teardown."""

    def __init__(self):
        self.tmp = tempfile.mkdtemp(prefix="newswire-deploy-live-")
        self.procs = []
        self.own_broker = None
        self.topics = []
        suffix = "%d-%04d" % (os.getpid(), random.randrange(10000))
        self.raw_topic = "deploytest-%s.raw" % suffix
        self.stories_topic = "deploytest-%s.stories" % suffix
        self.dlq_topic = "deploytest-%s.dlq" % suffix
        self.group = "deploytest-%s" % suffix

    # ---- processes
    def spawn(self, name, argv, env=None):
        out = open(os.path.join(self.tmp, name + ".log"), "w")
        full_env = dict(os.environ)
        full_env.update(env or {})
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, env=full_env,
                                stdin=subprocess.DEVNULL, start_new_session=True)
        out.close()
        self.procs.append((name, proc))
        return proc

    def log_tail(self, name, lines=30):
        try:
            with open(os.path.join(self.tmp, name + ".log"), errors="replace") as f:
                return "".join(f.readlines()[-lines:])
        except OSError:
            return ""

    def kafka(self, *args, timeout=120):
        argv = [os.path.join(d.ROOT, "tools", "kafka.sh")]
        if self.own_broker:
            argv += ["--port", str(self.own_broker[0]), "--controller-port", str(self.own_broker[1]),
                     "--data-dir", os.path.join(self.tmp, "kafka")]
        result = d.run(argv + list(args), timeout=timeout)
        if result.returncode != 0:
            raise AssertionError("kafka.sh %s failed:\n%s%s" % (" ".join(args), result.stdout, result.stderr))
        return result.stdout

    # ---- set up
    def start(self):
        self.bin = os.path.join(self.tmp, "bin")
        os.makedirs(self.bin)
        for name in ("ingestd", "wirectl"):
            # A copy: other builds in this workspace may replace bazel-bin meanwhile.
            shutil.copy2(d.binary(name), os.path.join(self.bin, name))

        self.brokers = os.environ.get("NEWSWIRE_KAFKA_BROKERS", "")
        if not self.brokers:
            port, controller = free_port(), free_port()
            self.own_broker = (port, controller)
            log("starting a broker on 127.0.0.1:%d" % port)
            os.environ.setdefault("NEWSWIRE_KAFKA_TOPICS", "")
            self.kafka("start", timeout=180)
            self.brokers = "127.0.0.1:%d" % port
        bootstrap = self.brokers.split(",")[0]
        for topic, partitions in ((self.raw_topic, 3), (self.stories_topic, 1), (self.dlq_topic, 1)):
            self.kafka("run-class", "org.apache.kafka.tools.TopicCommand", "--bootstrap-server", bootstrap,
                       "--create", "--topic", topic, "--partitions", str(partitions), "--replication-factor", "1")
            self.topics.append(topic)

        self.ops_port, self.grpc_port, self.prom_port, self.dead_port = (free_port() for _ in range(4))
        self.ingestd_argv = self.trial_command_line()
        log("ingestd " + d.sh(self.ingestd_argv[1:]))
        self.ingestd = self.spawn("ingestd", self.ingestd_argv, env={"FLAGS_version": "deploy-live-test"})
        ops = "http://127.0.0.1:%d" % self.ops_port
        wait_for("ingestd /readyz", lambda: self.alive("ingestd") and http_get(ops + "/readyz")[0] == 200, 90)

        self.start_prometheus()
        self.subscriber = self.spawn("subscriber", [os.path.join(self.bin, "wirectl"), "subscribe",
                                                    "--server=127.0.0.1:%d" % self.grpc_port,
                                                    "--from_beginning", "--output=brief"])
        time.sleep(1)
        self.publish()
        self.wait_for_data()
        self.metrics_text = http_get(ops + "/metrics")[1]

    def alive(self, name):
        for n, proc in self.procs:
            if n == name and proc.poll() is not None:
                raise AssertionError("%s exited with %s:\n%s" % (name, proc.returncode, self.log_tail(name)))
        return True

    def trial_command_line(self):
        """ingestd argv as the trial overlay's pod runs it, rooted in self.tmp."""
        objects = d.render("trial")
        workload = d.workloads(objects)[0]
        etc = os.path.join(self.tmp, "etc-newswire")

        def local(text):
            return text.replace("/etc/newswire", etc)

        for path, content in d.mounted_files(objects, workload).items():
            target = local(path)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "w", encoding="utf-8") as f:
                f.write(local(content))
        # The StatefulSet's first pod.
        args = d.pod_args(workload, workload["metadata"]["name"] + "-0")
        entrypoint = d.dockerfile_entrypoint()
        argv = [os.path.join(self.bin, "ingestd")] + entrypoint[1:] + [local(a) for a in args]
        argv += [
            "--brokers=%s,127.0.0.1:%d" % (self.brokers, self.dead_port),
            # Connect to every bootstrap address, the dead one included, so the
            # transport error happens on every run.
            "--kafka_property=enable.sparse.connections=false",
            "--raw_topic=" + self.raw_topic, "--stories_topic=" + self.stories_topic,
            "--dlq_topic=" + self.dlq_topic, "--group=" + self.group,
            "--store=" + os.path.join(self.tmp, "store"),
            "--ops_host=127.0.0.1", "--ops_port=%d" % self.ops_port,
            "--grpc_address=127.0.0.1:%d" % self.grpc_port,
        ]
        return argv

    def start_prometheus(self):
        config = os.path.join(self.tmp, "prometheus.yml")
        with open(config, "w") as f:
            f.write("global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\n"
                    "rule_files:\n  - %s\n"
                    "scrape_configs:\n  - job_name: newswire\n    static_configs:\n"
                    "      - targets: ['127.0.0.1:%d']\n" % (json.dumps(d.RULES), self.ops_port))
        self.prometheus_url = "http://127.0.0.1:%d" % self.prom_port
        self.spawn("prometheus", [d.tool("prometheus"), "--config.file=" + config,
                                  "--storage.tsdb.path=" + os.path.join(self.tmp, "tsdb"),
                                  "--storage.tsdb.retention.time=1h",
                                  "--web.listen-address=127.0.0.1:%d" % self.prom_port,
                                  "--log.level=warn"])
        wait_for("prometheus /-/ready",
                 lambda: self.alive("prometheus") and http_get(self.prometheus_url + "/-/ready")[0] == 200, 60)
        # Target discovery takes a few seconds: see ingestd's counters before
        # stories flow, or rate() over them would find nothing moving.
        wait_for("two scrapes of ingestd",
                 lambda: self.query('count_over_time(up{job="newswire"}[1m]) >= 2')["result"], 60)

    def publish(self):
        files = list(STORIES)
        for name, text in AGENCY_STORIES.items():
            path = os.path.join(self.tmp, name)
            with open(path, "w") as f:
                f.write(text)
            files.append(path)
        empty = os.path.join(self.tmp, "empty-record.txt")
        with open(empty, "w") as f:
            f.write("   \n  ")
        wirectl = os.path.join(self.bin, "wirectl")
        common = ["--brokers=" + self.brokers, "--topic=" + self.raw_topic]
        self.expected_events = len(files)
        # The stories, an empty record (DLQ), and the first story again under
        # another URL: a new id with the same text (a duplicate to the fold).
        for extra, batch in (([], files), ([], [empty]),
                             (["--source_url=https://example.com/republished/story"], files[:1])):
            result = d.run([wirectl, "publish"] + common + extra + batch, timeout=60)
            if result.returncode != 0:
                raise AssertionError("wirectl publish failed: %s%s" % (result.stdout, result.stderr))
        log("published %d stories, 1 empty record, 1 story again" % len(files))

    def query(self, expr, at=None):
        params = {"query": expr}
        if at is not None:
            params["time"] = "%.3f" % at
        url = self.prometheus_url + "/api/v1/query?" + urllib.parse.urlencode(params)
        try:
            _, body = http_get(url, timeout=10)
        except urllib.error.HTTPError as error:
            body = error.read().decode("utf-8", "replace")
            raise AssertionError("query failed (%s): %s\n%s" % (error.code, body, expr))
        answer = json.loads(body)
        if answer.get("status") != "success":
            raise AssertionError("query failed: %s\n%s" % (answer, expr))
        return answer["data"]

    def value(self, expr):
        data = self.query(expr)
        return float(data["result"][0]["value"][1]) if data["result"] else None

    def wait_for_data(self):
        conditions = {
            "events sent to the subscriber": 'sum(newswire_events_sent_total{job="newswire"}) >= %d' % self.expected_events,
            "the republished story folded": 'sum(newswire_view_records_total{job="newswire"}) >= %d' % (self.expected_events + 1),
            "the DLQ record": 'sum(newswire_dlq_records_total{job="newswire"}) >= 1',
            "a Kafka transport error": 'sum(newswire_kafka_errors_total{job="newswire"}) >= 1',
            "consumer lag statistics": 'count(newswire_consumer_lag{job="newswire"}) >= 1',
            "both agencies": 'count(newswire_stories_produced_by_agency_total{job="newswire", agency=~"KYODO|AP"}) >= 2',
        }
        for what, expr in conditions.items():
            wait_for(what, lambda expr=expr: self.alive("ingestd") and self.query(expr)["result"], 120)
        time.sleep(3)  # a few more samples after the last change, for rate() and deriv()
        log("Prometheus has the data")

    # ---- tear down
    def stop(self):
        for name, proc in reversed(self.procs):
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        self.ingestd_exit = self.ingestd.returncode if hasattr(self, "ingestd") else None
        try:
            if self.own_broker:
                self.kafka("stop", timeout=90)
            elif self.topics:
                bootstrap = self.brokers.split(",")[0]
                for topic in self.topics:
                    self.kafka("run-class", "org.apache.kafka.tools.TopicCommand", "--bootstrap-server",
                               bootstrap, "--delete", "--topic", topic)
        except AssertionError as error:
            log("cleanup: %s" % error)
        if os.environ.get("NEWSWIRE_KEEP_TMP") == "1":
            log("kept %s" % self.tmp)
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)


def _exported_names(metrics_text):
    names = set()
    for line in metrics_text.splitlines():
        if line and not line.startswith("#"):
            names.add(re.split(r"[{ ]", line, 1)[0])
    return names


class LiveTest(unittest.TestCase):
    live = None

    @classmethod
    def setUpClass(cls):
        cls.live = Live()
        try:
            cls.live.start()
        except BaseException:
            for name in ("ingestd", "prometheus", "subscriber"):
                tail = cls.live.log_tail(name)
                if tail:
                    log("---- %s log ----\n%s" % (name, tail))
            cls.live.stop()
            raise
        cls.exported = _exported_names(cls.live.metrics_text)

    @classmethod
    def tearDownClass(cls):
        if cls.live:
            cls.live.stop()

    def require_metrics(self, names, what):
        missing = [n for n in names if n != "up" and n not in self.exported]
        self.assertEqual(missing, [], "%s reads metrics that ingestd's /metrics does not have" % what)

    def require_data(self, expr, what):
        data = self.live.query(expr)
        result = data["result"]
        self.assertTrue(result, "%s returned no data:\n%s" % (what, expr))
        values = []
        for series in result if data["resultType"] == "vector" else []:
            values.append(float(series["value"][1]))
        if data["resultType"] == "scalar":
            values.append(float(result[1]))
        self.assertTrue(any(not math.isnan(v) for v in values), "%s returned only NaN:\n%s\n%s" % (what, expr, result))
        return result

    def test_promtool_check_metrics_clean(self):
        result = d.run([d.tool("promtool"), "check", "metrics"], input=self.live.metrics_text)
        self.assertEqual((result.returncode, result.stdout + result.stderr), (0, ""))

    def test_metrics_endpoint_has_the_service_metrics(self):
        for family in sorted(d.exported_metric_names()):
            if family in d.histogram_families():
                self.assertIn(family + "_count", self.exported)
            else:
                self.assertIn(family, self.exported)
        agencies = self.live.query('newswire_stories_produced_by_agency_total{job="newswire"}')["result"]
        self.assertTrue(AGENCIES <= {s["metric"]["agency"] for s in agencies})

    def test_alerting_rules_loaded_and_healthy(self):
        def evaluated():
            _, body = http_get(self.live.prometheus_url + "/api/v1/rules?type=alert")
            rules = [r for g in json.loads(body)["data"]["groups"] for r in g["rules"]]
            return rules if all(r.get("lastEvaluation", "").startswith("20") for r in rules) else None
        wait_for("every rule evaluated", evaluated, 30)
        rules = evaluated()
        self.assertEqual(sorted(r["name"] for r in rules), sorted(a["alert"] for a in d.alerts()))
        for rule in rules:
            self.assertEqual((rule["name"], rule["health"], rule.get("lastError", "")), (rule["name"], "ok", ""))

    def test_no_alert_condition_holds_on_a_healthy_run(self):
        # Pending counts too: no alert expression may be true here. The DLQ
        # share is 1 in 20 but under the 10-record floor, lag is 0, the view
        # is caught up, latency is small, the target is up.
        active = [s["metric"]["alertname"] for s in self.live.query("ALERTS")["result"]]
        self.assertEqual(active, [])

    def panel_result(self, title, ref="A"):
        for panel_title, panel_ref, expr in d.dashboard_targets():
            if (panel_title, panel_ref) == (title, ref):
                return self.live.query(d.substitute_grafana_vars(expr))["result"]
        raise AssertionError("no panel %r query %s" % (title, ref))

    def labels(self, title, label, ref="A"):
        return {series["metric"].get(label) for series in self.panel_result(title, ref)}

    def test_panels_show_what_was_sent(self):
        """The breakdowns name what the test sent: agencies, the DLQ reason,
        every folded record, the raw partitions, the transport error."""
        self.assertLessEqual(AGENCIES, self.labels("Stories by agency", "agency"))
        self.assertIn("empty_record", self.labels("DLQ by reason", "reason"))
        self.assertIn("DEDUP_KIND_NEW_STORY", self.labels("Fold decisions", "decision"))
        # Every stories-log record is counted under some decision (which one
        # the republished story gets is the fold's business).
        folded = self.live.value('sum(newswire_view_records_total{job="newswire"})')
        self.assertEqual(folded, self.live.expected_events + 1)
        self.assertIn("EVENT_KIND_NEW_STORY", self.labels("Events by kind", "kind"))
        self.assertEqual(self.labels("Consumer lag per partition", "partition"), {"0", "1", "2"})
        self.assertIn("_TRANSPORT", self.labels("Kafka errors, retries and rebalances", "error"))
        self.assertIn("assigned", self.labels("Kafka errors, retries and rebalances", "event", ref="D"))
        subscribers = self.panel_result("Open subscribers")
        self.assertEqual(float(subscribers[0]["value"][1]), 1.0)
        behind = self.panel_result("Records behind the stories log")
        self.assertEqual([float(s["value"][1]) for s in behind], [0.0])
        sent = self.live.value('sum(newswire_events_sent_total{job="newswire"})')
        self.assertEqual(sent, self.live.expected_events)
        # End-to-end latency here is well under the alert's 30 s.
        p99 = float(self.panel_result("End-to-end latency (p50, p90, p99)", "C")[0]["value"][1])
        self.assertLess(p99, 30)

    def test_dashboard_variables_find_values(self):
        """label_values(METRIC, LABEL) as Grafana asks Prometheus for it."""
        for var in d.load_dashboard()["templating"]["list"]:
            if var["type"] != "query":
                continue
            match = re.fullmatch(r"label_values\((.+), *([a-z_]+)\)", var["query"]["query"])
            self.assertTrue(match, var["query"])
            selector, label = d.substitute_grafana_vars(match.group(1)), match.group(2)
            url = "%s/api/v1/series?%s" % (self.live.prometheus_url, urllib.parse.urlencode({"match[]": selector}))
            series = json.loads(http_get(url)[1])["data"]
            values = {s.get(label) for s in series} - {None}
            if label == "namespace":
                continue  # no namespace label outside Kubernetes
            self.assertTrue(values, "variable %s finds no %s" % (var["name"], label))

    def test_ingestd_ran_with_the_trial_pod_flags(self):
        argv = self.live.ingestd_argv
        self.assertIn("--role=all", argv)
        self.assertTrue(any(a.startswith("--flagfile=") and a.endswith("/flags/ingestd.flags") for a in argv))


def _slug(text):
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def _add_dashboard_tests():
    for index, (title, ref, expr) in enumerate(d.dashboard_targets()):
        def test(self, title=title, ref=ref, expr=expr):
            names = d.metric_names(expr)
            self.require_metrics(names, "panel %r query %s" % (title, ref))
            self.require_data(d.substitute_grafana_vars(expr), "panel %r query %s" % (title, ref))
        setattr(LiveTest, "test_panel_%02d_%s_%s" % (index, _slug(title), ref), test)


def _add_alert_tests():
    for alert in d.alerts():
        def test(self, alert=alert):
            name = alert["alert"]
            self.require_metrics(d.metric_names(alert["expr"]), name)
            self.live.query(alert["expr"])  # evaluates without error (empty unless firing)
            for part in d.measurements(alert["expr"]):
                self.require_data(d.without_offsets(part), "%s measurement" % name)
        setattr(LiveTest, "test_alert_%s" % _slug(alert["alert"]), test)


_add_dashboard_tests()
_add_alert_tests()


if __name__ == "__main__":
    unittest.main()
