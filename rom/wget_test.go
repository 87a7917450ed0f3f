package rom_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/computertest"
	crafthttp "github.com/craftos/craftos/internal/http"
)

// wget, driven through the shell against a local server.
func TestWget(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/hello.lua":
			fmt.Fprint(w, `print("hello from the web", ...)`)
		case "/files/data.txt":
			fmt.Fprint(w, "some data\n")
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	root := t.TempDir()
	u := srv.URL
	input := strings.Join([]string{
		"wget " + u + "/hello.lua",
		"wget " + u + "/hello.lua",
		"wget " + u + "/files/data.txt?x=1 saved.txt",
		"wget run " + u + "/hello.lua a b",
		"wget " + u + "/missing.txt",
	}, "\n") + "\n"
	r := computertest.Start(t, "",
		computertest.Root(root),
		computertest.Boot(computer.Boot{Kind: computer.BootShell}),
		computertest.Stdin(strings.NewReader(input)),
		computertest.Extensions(crafthttp.Install),
	).Wait(t, 30*time.Second)
	if r.Err != nil || r.Status != 0 {
		t.Fatalf("status %d err %v\nstdout:\n%s\nstderr:\n%s", r.Status, r.Err, r.Stdout, r.Stderr)
	}
	for _, want := range []string{
		"Connecting to " + u + "/hello.lua... Success.\nDownloaded as hello.lua\n",
		"File already exists\n",
		"Downloaded as saved.txt\n",
		"hello from the web\ta\tb\n",
		"Connecting to " + u + "/missing.txt... Failed.\n",
	} {
		if !strings.Contains(r.Stdout, want) {
			t.Errorf("stdout lacks %q; got:\n%s\nstderr:\n%s", want, r.Stdout, r.Stderr)
		}
	}
	for name, want := range map[string]string{
		"hello.lua": `print("hello from the web", ...)`,
		"saved.txt": "some data\n",
	} {
		got, err := os.ReadFile(filepath.Join(root, name))
		if err != nil || string(got) != want {
			t.Errorf("%s = %q, %v; want %q", name, got, err, want)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "missing.txt")); err == nil {
		t.Error("a failed download should not make a file")
	}
}
