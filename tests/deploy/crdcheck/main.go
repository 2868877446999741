// crdcheck decodes the Prometheus Operator objects of a rendered manifest
// (multi-document YAML on stdin) into the operator's own Go API types
// (monitoring.coreos.com/v1), rejecting unknown fields and wrong types:
// the check the operator's CRD schema would make on field names and types,
// offline. Prints one line per object; exits 1 on the first bad one.
//
//	kustomize build deploy/k8s/overlays/production | crdcheck
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	monitoringv1 "github.com/prometheus-operator/prometheus-operator/pkg/apis/monitoring/v1"
	"sigs.k8s.io/yaml"
)

func main() {
	input, err := io.ReadAll(bufio.NewReader(os.Stdin))
	if err != nil {
		fmt.Fprintln(os.Stderr, "crdcheck:", err)
		os.Exit(2)
	}
	checked := 0
	for _, doc := range strings.Split("\n"+string(input), "\n---") {
		if strings.TrimSpace(doc) == "" {
			continue
		}
		raw, err := yaml.YAMLToJSON([]byte(doc))
		if err != nil {
			fail("yaml: %v", err)
		}
		var head struct {
			APIVersion string `json:"apiVersion"`
			Kind       string `json:"kind"`
			Metadata   struct {
				Name string `json:"name"`
			} `json:"metadata"`
		}
		if err := json.Unmarshal(raw, &head); err != nil {
			fail("json: %v", err)
		}
		var target interface{}
		switch {
		case head.APIVersion == "monitoring.coreos.com/v1" && head.Kind == "ServiceMonitor":
			target = &monitoringv1.ServiceMonitor{}
		case head.APIVersion == "monitoring.coreos.com/v1" && head.Kind == "PrometheusRule":
			target = &monitoringv1.PrometheusRule{}
		case strings.HasPrefix(head.APIVersion, "monitoring.coreos.com/"):
			fail("%s %s/%s: not checked by crdcheck", head.APIVersion, head.Kind, head.Metadata.Name)
		default:
			continue
		}
		decoder := json.NewDecoder(bytes.NewReader(raw))
		decoder.DisallowUnknownFields()
		if err := decoder.Decode(target); err != nil {
			fail("%s/%s: %v", head.Kind, head.Metadata.Name, err)
		}
		fmt.Printf("ok %s/%s\n", head.Kind, head.Metadata.Name)
		checked++
	}
	if checked == 0 {
		fail("no ServiceMonitor or PrometheusRule in the input")
	}
}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "crdcheck: "+format+"\n", args...)
	os.Exit(1)
}
