// Command cnitool behaves as the cnitool of libcni 1.1.2 (upstream cni/cnitool at v1.1.2), which Debian does not
// ship as a binary: golang-github-appc-cni-dev holds libcni but not cnitool's source. It is built here against
// Debian's libcni (GOPATH mode, offline) so `cni-conformance exec` can be compared with it call for call.
//
// The behaviour reproduced: `cnitool add|check|del <net> <netns>`; fewer than three arguments print the usage on
// stderr and exit 1; NETCONFPATH (default /etc/cni/net.d), CNI_PATH, CAP_ARGS (JSON), CNI_ARGS (k=v;k2=v2) and
// CNI_IFNAME (eth0 only when unset); the container ID is "cnitool-" + hex of the first 10 bytes of the SHA-512
// of the absolute netns path; the ADD result is printed as libcni prints it; any error is one stderr line and
// exit 1. An unknown command loads the network and exits 0 doing nothing, as 1.1.2 did. The result cache is
// libcni's default (/var/lib/cni): callers isolate it with a private mount namespace.
package main

import (
	"context"
	"crypto/sha512"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/containernetworking/cni/libcni"
)

func splitCniArgs(raw string) ([][2]string, error) {
	var pairs [][2]string
	for _, pair := range strings.Split(raw, ";") {
		kv := strings.Split(pair, "=")
		if len(kv) != 2 || kv[0] == "" || kv[1] == "" {
			return nil, fmt.Errorf("invalid CNI_ARGS pair %q", pair)
		}
		pairs = append(pairs, [2]string{kv[0], kv[1]})
	}
	return pairs, nil
}

func finish(err error) {
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s\n", err)
		os.Exit(1)
	}
	os.Exit(0)
}

func printUsage() {
	exe := filepath.Base(os.Args[0])
	fmt.Fprintf(os.Stderr, "%s: Add, check, or remove network interfaces from a network namespace\n", exe)
	for _, verb := range []string{"add  ", "check", "del  "} {
		fmt.Fprintf(os.Stderr, "  %s %s <net> <netns>\n", exe, verb)
	}
	os.Exit(1)
}

func main() {
	if len(os.Args) < 4 {
		printUsage()
	}
	confDir := os.Getenv("NETCONFPATH")
	if confDir == "" {
		confDir = "/etc/cni/net.d"
	}
	list, err := libcni.LoadConfList(confDir, os.Args[2])
	if err != nil {
		finish(err)
	}
	var capabilityArgs map[string]interface{}
	if raw := os.Getenv("CAP_ARGS"); raw != "" {
		if err := json.Unmarshal([]byte(raw), &capabilityArgs); err != nil {
			finish(err)
		}
	}
	var cniArgs [][2]string
	if raw := os.Getenv("CNI_ARGS"); raw != "" {
		if cniArgs, err = splitCniArgs(raw); err != nil {
			finish(err)
		}
	}
	ifname, set := os.LookupEnv("CNI_IFNAME")
	if !set {
		ifname = "eth0"
	}
	netns, err := filepath.Abs(os.Args[3])
	if err != nil {
		finish(err)
	}
	sum := sha512.Sum512([]byte(netns))
	rt := &libcni.RuntimeConf{
		ContainerID:    fmt.Sprintf("cnitool-%x", sum[:10]),
		NetNS:          netns,
		IfName:         ifname,
		Args:           cniArgs,
		CapabilityArgs: capabilityArgs,
	}
	cni := libcni.NewCNIConfig(filepath.SplitList(os.Getenv("CNI_PATH")), nil)
	ctx := context.TODO()
	switch os.Args[1] {
	case "add":
		result, err := cni.AddNetworkList(ctx, list, rt)
		if result != nil {
			_ = result.Print()
		}
		finish(err)
	case "check":
		finish(cni.CheckNetworkList(ctx, list, rt))
	case "del":
		finish(cni.DelNetworkList(ctx, list, rt))
	}
}
