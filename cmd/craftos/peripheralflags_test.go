package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/peripheral/all"
)

func TestParseMount(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		arg  string
		want computer.Mount
		err  string
	}{
		{arg: "/src=" + dir + ":ro", want: computer.Mount{Path: "src", Dir: dir, ReadOnly: true}},
		{arg: "data=" + dir, want: computer.Mount{Path: "data", Dir: dir}},
		{arg: "/a/b/=" + dir + ":rw", want: computer.Mount{Path: "a/b", Dir: dir}},
		{arg: "/=" + dir, err: "cannot mount over the root"},
		{arg: "/../x=" + dir, err: "Invalid Path"},
		{arg: "/rom/x=" + dir, err: "cannot mount inside /rom"},
		{arg: "/data", err: "want /NAME=HOSTDIR[:ro]"},
	}
	for _, tt := range tests {
		got, err := parseMount(tt.arg)
		switch {
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("parseMount(%q) error %v, want %q", tt.arg, err, tt.err)
		case tt.err == "" && (err != nil || got != tt.want):
			t.Errorf("parseMount(%q) = %+v, %v, want %+v", tt.arg, got, err, tt.want)
		}
	}
}

// anyType is a simple peripheral type periphemu knows (one made without
// an argument), "" while there is none.
func anyType() string {
	for _, ty := range []string{"printer", "speaker", "monitor", "drive", "modem"} {
		if _, ok := all.Types[ty]; ok {
			return ty
		}
	}
	return ""
}

func TestParsePeripheral(t *testing.T) {
	for _, bad := range []string{"left", "=monitor", "left=", "left=:x", "left=toaster"} {
		if _, err := parsePeripheral(bad); err == nil {
			t.Errorf("parsePeripheral(%q) worked", bad)
		}
	}
	ty := anyType()
	if ty == "" {
		t.Skip("no peripheral types yet")
	}
	spec, err := parsePeripheral("left=" + ty + ":some:arg")
	if err != nil || spec != (computer.PeripheralSpec{Name: "left", Type: ty, Arg: "some:arg"}) {
		t.Errorf("got %+v, %v", spec, err)
	}
	spec, err = parsePeripheral("3=" + ty)
	if err != nil || spec != (computer.PeripheralSpec{Name: ty + "_3", Type: ty}) {
		t.Errorf("got %+v, %v", spec, err)
	}
}

// --mount and --peripheral reach the computer before boot.
func TestHardwareFlags(t *testing.T) {
	ro, rw := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(ro, "lib.lua"), []byte("return 'from the mount'"), 0o644); err != nil {
		t.Fatal(err)
	}
	src := `print(dofile("/src/lib.lua"), fs.getDrive("src"), fs.isReadOnly("src"))
print(select(2, fs.open("/src/x", "w")))
local h = fs.open("/out/result.txt", "w") h.write("done") h.close()
print(table.concat(periphemu.names(), ","))`
	out, errs, status := run(t, "", "--root", t.TempDir(), "--mount", "/src="+ro+":ro", "--mount", "/out="+rw, "run", "-e", src)
	want := "from the mount\tsrc\ttrue\n/src/x: Access denied\n" + strings.Join(typeNames(), ",") + "\n"
	if out != want || status != 0 {
		t.Errorf("stdout %q (want %q), stderr %q, status %d", out, want, errs, status)
	}
	if b, err := os.ReadFile(filepath.Join(rw, "result.txt")); err != nil || string(b) != "done" {
		t.Errorf("written through the mount: %q, %v", b, err)
	}

	_, errs, status = run(t, "", "--mount", "/x="+filepath.Join(rw, "missing"), "run", "-e", "print(1)")
	if status != 1 || !strings.Contains(errs, "craftos: mount ") {
		t.Errorf("missing folder: stderr %q, status %d", errs, status)
	}
	_, errs, status = run(t, "", "--peripheral", "left=toaster", "run", "-e", "print(1)")
	if status != 1 || !strings.Contains(errs, `no peripheral type "toaster"`) {
		t.Errorf("unknown type: stderr %q, status %d", errs, status)
	}

	ty := anyType()
	if ty == "" {
		t.Skip("no peripheral types yet")
	}
	out, errs, status = run(t, "", "--root", t.TempDir(), "--peripheral", "left="+ty, "--peripheral", "7="+ty, "run", "-e",
		`print(peripheral.getType("left"), table.concat(peripheral.getNames(), ","))`)
	if want := ty + "\tleft," + ty + "_7\n"; out != want || status != 0 {
		t.Errorf("stdout %q (want %q), stderr %q, status %d", out, want, errs, status)
	}
}
