// Command libcni-driver drives Debian's libcni (golang-github-appc-cni-dev) the way a runtime embedding it
// does, one operation per process, so cni-conformance can judge libcni's real plugin calls with its spies.
//
// Usage:
//
//	libcni-driver -confdir D -cnipath P -cachedir C [-id ID -netns NS -ifname IF -capargs JSON] add|check|del NETWORK
//
// Success prints the ADD result (JSON) on stdout and exits 0. A failure prints the CNI error object
// {code,msg,details} on stdout and exits 1, so the harness can compare the code with the plugin's (R-ERR-1).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/containernetworking/cni/libcni"
	"github.com/containernetworking/cni/pkg/types"
)

type options struct {
	confDir, cniPath, cacheDir, id, netns, ifname, capArgs string
}

func parseOptions() (options, string, string) {
	var o options
	flag.StringVar(&o.confDir, "confdir", "/etc/cni/net.d", "conf dir")
	flag.StringVar(&o.cniPath, "cnipath", "/opt/cni/bin", "plugin search path (colon separated)")
	flag.StringVar(&o.cacheDir, "cachedir", "/var/lib/cni", "result cache dir")
	flag.StringVar(&o.id, "id", "", "container ID")
	flag.StringVar(&o.netns, "netns", "", "container netns path")
	flag.StringVar(&o.ifname, "ifname", "eth0", "interface name")
	flag.StringVar(&o.capArgs, "capargs", "", "capability arguments as a JSON object")
	flag.Parse()
	if flag.NArg() != 2 {
		fail(types.NewError(types.ErrInvalidEnvironmentVariables, "usage: libcni-driver [flags] add|check|del NETWORK", ""))
	}
	return o, flag.Arg(0), flag.Arg(1)
}

// fail prints the plugin's own error code (libcni wraps it with %w and the plugin's description) or 999.
func fail(err error) {
	code := uint(types.ErrInternal)
	var cniErr *types.Error
	if errors.As(err, &cniErr) {
		code = cniErr.Code
	}
	_ = json.NewEncoder(os.Stdout).Encode(types.NewError(code, err.Error(), ""))
	os.Exit(1)
}

func runtimeConf(o options) *libcni.RuntimeConf {
	rt := &libcni.RuntimeConf{ContainerID: o.id, NetNS: o.netns, IfName: o.ifname, CacheDir: o.cacheDir}
	if o.capArgs != "" {
		if err := json.Unmarshal([]byte(o.capArgs), &rt.CapabilityArgs); err != nil {
			fail(types.NewError(types.ErrDecodingFailure, "invalid -capargs", err.Error()))
		}
	}
	return rt
}

func main() {
	o, verb, network := parseOptions()
	list, err := libcni.LoadConfList(o.confDir, network)
	if err != nil {
		fail(err)
	}
	cni := libcni.NewCNIConfigWithCacheDir(filepath.SplitList(o.cniPath), o.cacheDir, nil)
	rt := runtimeConf(o)
	ctx := context.Background()
	switch verb {
	case "add":
		result, err := cni.AddNetworkList(ctx, list, rt)
		if err != nil {
			fail(err)
		}
		_ = result.Print()
	case "check":
		err = cni.CheckNetworkList(ctx, list, rt)
	case "del":
		err = cni.DelNetworkList(ctx, list, rt)
	default:
		err = fmt.Errorf("unknown verb %q", verb)
	}
	if err != nil {
		fail(err)
	}
}
