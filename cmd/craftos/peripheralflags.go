package main

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/fs"
	"github.com/craftos/craftos/internal/peripheral/all"
)

// hardwareOptions are --peripheral and --mount: what a computer starts
// with besides its own folder.
type hardwareOptions struct {
	peripherals []string
	mounts      []string
	folders     all.Folders // --disks-dir, --printer-dir, --speaker-wav (deviceflags.go)
}

func addHardwareFlags(f *pflag.FlagSet, o *hardwareOptions) {
	f.StringArrayVar(&o.peripherals, "peripheral", nil, "attach a peripheral before boot, as periphemu.create(SIDE, TYPE, ARG) does: `SIDE=TYPE[:ARG]` (left=monitor, top=drive:3, right=modem); repeatable")
	f.StringArrayVar(&o.mounts, "mount", nil, "mount a host folder inside the computer: `/NAME=HOSTDIR[:ro]` (read-only with :ro), under the same sandbox rules as the root; repeatable")
	addFolderFlags(f, &o.folders)
}

// apply sets the peripherals and mounts of a computer's configuration.
func (o *hardwareOptions) apply(cfg *computer.Config) error {
	folders, err := absFolders(o.folders)
	if err != nil {
		return err
	}
	cfg.PeripheralTypes = all.With(folders)
	for _, p := range o.peripherals {
		spec, err := parsePeripheral(p)
		if err != nil {
			return err
		}
		cfg.Peripherals = append(cfg.Peripherals, spec)
	}
	for _, m := range o.mounts {
		mount, err := parseMount(m)
		if err != nil {
			return err
		}
		cfg.Mounts = append(cfg.Mounts, mount)
	}
	return nil
}

// parsePeripheral reads SIDE=TYPE[:ARG]. ARG reaches the device as a
// string, as periphemu.create's third argument.
func parsePeripheral(s string) (computer.PeripheralSpec, error) {
	side, rest, ok := strings.Cut(s, "=")
	if !ok || side == "" || rest == "" {
		return computer.PeripheralSpec{}, fmt.Errorf("--peripheral %q: want SIDE=TYPE[:ARG]", s)
	}
	ty, arg, hasArg := strings.Cut(rest, ":")
	if ty == "" {
		return computer.PeripheralSpec{}, fmt.Errorf("--peripheral %q: want SIDE=TYPE[:ARG]", s)
	}
	if _, ok := all.Types[ty]; !ok {
		return computer.PeripheralSpec{}, fmt.Errorf("--peripheral %q: no peripheral type %q (%s)", s, ty, strings.Join(typeNames(), ", "))
	}
	if isAllDigits(side) {
		side = ty + "_" + side // as periphemu.create names a number
	}
	spec := computer.PeripheralSpec{Name: side, Type: ty}
	if hasArg {
		spec.Arg = arg
	}
	return spec, nil
}

func typeNames() []string {
	names := make([]string, 0, len(all.Types))
	for n := range all.Types {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

func isAllDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// parseMount reads /NAME=HOSTDIR[:ro] (or :rw). The host folder is made
// absolute now, so a later change of directory cannot move it.
func parseMount(s string) (computer.Mount, error) {
	name, dir, ok := strings.Cut(s, "=")
	if !ok || dir == "" {
		return computer.Mount{}, fmt.Errorf("--mount %q: want /NAME=HOSTDIR[:ro]", s)
	}
	m := computer.Mount{}
	switch {
	case strings.HasSuffix(dir, ":ro"):
		dir, m.ReadOnly = strings.TrimSuffix(dir, ":ro"), true
	case strings.HasSuffix(dir, ":rw"):
		dir = strings.TrimSuffix(dir, ":rw")
	}
	m.Path = fs.Sanitize(name, false)
	switch {
	case m.Path == "":
		return computer.Mount{}, fmt.Errorf("--mount %q: cannot mount over the root", s)
	case m.Path == ".." || strings.HasPrefix(m.Path, "../"):
		return computer.Mount{}, fmt.Errorf("--mount %q: Invalid Path", s)
	case strings.EqualFold(strings.Split(m.Path, "/")[0], "rom"):
		return computer.Mount{}, fmt.Errorf("--mount %q: cannot mount inside /rom", s)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return computer.Mount{}, fmt.Errorf("--mount %q: %w", s, err)
	}
	m.Dir = abs
	return m, nil
}
