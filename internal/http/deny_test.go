package http

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/computertest"
)

// A denied loopback stays denied whatever spelling reaches it: the
// unspecified addresses (which connect to this machine), IPv4-mapped IPv6,
// the legacy IPv4 forms, a trailing-dot name, and a redirect to any of
// them; for http.get, http.checkURL and http.websocket alike.
func TestDenyEverySpelling(t *testing.T) {
	computertest.CheckGoroutines(t)
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("reached"))
	}))
	t.Cleanup(target.Close)
	port := target.Listener.Addr().(*net.TCPAddr).Port
	// The redirector lives on 127.0.0.2, which "127.0.0.1" does not deny.
	rl, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Skipf("no 127.0.0.2: %v", err)
	}
	redirector := &httptest.Server{Listener: rl, Config: &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://"+strings.TrimPrefix(r.URL.Path, "/")+fmt.Sprintf(":%d/", port), http.StatusFound)
	})}}
	redirector.Start()
	t.Cleanup(redirector.Close)

	hosts := []string{"0.0.0.0", "[::]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "2130706433",
		"0177.0.0.1", "0x7f.0.0.1", "127.1", "localhost.", "LOCALHOST", "127.0.0.1"}
	var src strings.Builder
	src.WriteString("local function show(...) print((select('#', ...) > 1 and select(2, ...)) or tostring((...))) end\n")
	for _, h := range hosts {
		fmt.Fprintf(&src, "io.write('get %[1]s ') show(http.get('http://%[1]s:%[2]d/'))\n", h, port)
		fmt.Fprintf(&src, "io.write('check %[1]s ') show(http.checkURL('http://%[1]s:%[2]d/'))\n", h, port)
		fmt.Fprintf(&src, "io.write('ws %[1]s ') show(http.websocket('ws://%[1]s:%[2]d/'))\n", h, port)
	}
	for _, h := range []string{"0.0.0.0", "[::]", "2130706433", "localhost."} {
		fmt.Fprintf(&src, "io.write('redirect %[1]s ') show(http.get('%[2]s/%[1]s'))\n", h, redirector.URL)
		fmt.Fprintf(&src, "io.write('wsredirect %[1]s ') show(http.websocket('ws%[2]s/%[1]s'))\n", h, strings.TrimPrefix(redirector.URL, "http"))
	}
	for _, deny := range [][]string{{"127.0.0.1"}, {"127.0.0.0/8"}} {
		t.Run(deny[0], func(t *testing.T) {
			l := testLimits()
			l.HTTPDeny = deny
			l.HTTPTimeout = 5e9
			out := runLua(t, src.String(), "", computertest.Limits(l))
			for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
				if deny[0] != "127.0.0.1" && strings.Contains(line, "redirect") {
					continue // the redirector itself is denied here
				}
				if !strings.HasSuffix(line, " Domain not permitted") {
					t.Errorf("not refused: %s", line)
				}
			}
		})
	}
	// Sanity: allowed when nothing is denied.
	l := testLimits()
	if got := runLua(t, fmt.Sprintf("print(http.get('http://127.0.0.1:%d/').readAll())", port), "", computertest.Limits(l)); got != "reached\n" {
		t.Fatalf("allowed request: %q", got)
	}
	_ = computer.Limits{}
}
