// Package printer is CC:Tweaked's printer peripheral. A page is a 25×21
// terminal written with write and setCursorPos between newPage and
// endPage; each finished page becomes a text file in an output folder
// (--printer-dir, or a subfolder of it named by periphemu's argument), so
// a test can read what was printed.
package printer

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/peripheral"
	"github.com/craftos/craftos/internal/term"
	"github.com/craftos/craftos/internal/vm"
)

// A page's size: CC:Tweaked's PrintoutData.LINE_LENGTH and LINES_PER_PAGE.
const (
	Width  = 25
	Height = 21
)

// A new printer is full, as one loaded by hand in the game: a stack of ink
// (the ink slot holds 64 dye) and six stacks of paper. Each page uses one
// of each; the output tray never fills, since pages leave as files.
const (
	FullInk   = 64
	FullPaper = 6 * 64
)

// Options configure the printers a factory makes.
type Options struct {
	// Dir is the folder finished pages are written to; a periphemu
	// argument names a folder inside it.
	Dir string
}

// New is the factory for "printer": arg, when given, is a relative folder
// name inside opts.Dir (it cannot lead out of it).
func New(opts Options) peripheral.Factory {
	return func(arg any) (peripheral.Device, error) {
		dir := opts.Dir
		if arg != nil {
			sub, err := subPath(arg)
			if err != nil {
				return nil, err
			}
			dir = filepath.Join(dir, sub)
		}
		return NewPrinter(dir), nil
	}
}

// subPath checks a periphemu argument naming a folder inside the output
// folder: relative, with no ".." (Lua programs get no host paths).
func subPath(arg any) (string, error) {
	s, ok := arg.(string)
	if !ok {
		return "", fmt.Errorf("bad argument #3 (string expected, got %s)", peripheral.ArgType(arg))
	}
	clean, ok := peripheral.LocalPath(s)
	if !ok {
		return "", fmt.Errorf("Invalid output folder %q (a folder inside the printer folder)", s)
	}
	return clean, nil
}

// Printer is one printer.
type Printer struct {
	dir string

	mu    sync.Mutex
	page  *term.Buffer // the page being printed, nil when none is
	title string
	ink   int
	paper int
	pages int // the number of the last page written
}

// NewPrinter makes a full printer writing its pages into dir (made when
// the first page is finished).
func NewPrinter(dir string) *Printer {
	return &Printer{dir: dir, ink: FullInk, paper: FullPaper}
}

// Types is "printer".
func (p *Printer) Types() []string { return []string{"printer"} }

// Dir is the folder pages are written to.
func (p *Printer) Dir() string { return p.dir }

// onPage runs f on the page being printed, with the printer locked; with
// no page it raises CC:Tweaked's "Page not started".
func (p *Printer) onPage(a vm.Args, f func(page *term.Buffer)) {
	p.mu.Lock()
	page := p.page
	if page != nil {
		f(page)
	}
	p.mu.Unlock()
	if page == nil {
		a.Fail("Page not started")
	}
}

// Write writes its argument (a string or number; nil writes nothing) at
// the cursor; the cursor moves past it even beyond the page's edge.
func (p *Printer) Write(a vm.Args) int {
	text := ""
	switch v := a.Value(1).(type) {
	case *lua.LNilType:
	case lua.LBool:
		text = v.String()
	default:
		text = a.StringOrNumber(1)
	}
	p.onPage(a, func(page *term.Buffer) { page.Write(text) })
	return 0
}

// GetCursorPos is the cursor's position on the page, 1-based.
func (p *Printer) GetCursorPos(a vm.Args) int {
	var x, y int
	p.onPage(a, func(page *term.Buffer) { x, y = page.Cursor() })
	return a.Return(lua.LNumber(x), lua.LNumber(y))
}

// SetCursorPos moves the cursor (anywhere: text off the page is lost).
func (p *Printer) SetCursorPos(a vm.Args) int {
	x, y := a.Int(1), a.Int(2)
	p.onPage(a, func(page *term.Buffer) { page.SetCursor(x, y) })
	return 0
}

// GetPageSize is the page's width and height.
func (p *Printer) GetPageSize(a vm.Args) int {
	var w, h int
	p.onPage(a, func(page *term.Buffer) { w, h = page.Size() })
	return a.Return(lua.LNumber(w), lua.LNumber(h))
}

// NewPage starts a page, using one ink and one paper; a page being
// printed is finished first. False when out of ink or paper, or when the
// page being printed cannot be written.
func (p *Printer) NewPage(a vm.Args) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ink <= 0 || p.paper <= 0 {
		return a.Return(lua.LFalse)
	}
	if p.page != nil && p.output() != nil {
		return a.Return(lua.LFalse)
	}
	p.ink--
	p.paper--
	p.page = term.NewBuffer(Width, Height)
	p.title = ""
	return a.Return(lua.LTrue)
}

// EndPage finishes the page, writing it to the output folder; false when
// it cannot be written (the page stays, as in a full tray).
func (p *Printer) EndPage(a vm.Args) int {
	ok := false
	p.onPage(a, func(*term.Buffer) { ok = p.output() == nil })
	return a.Return(lua.LBool(ok))
}

// SetPageTitle titles the page (nil clears it), cut to 32 characters with
// unprintable ones shown as "?" as CC:Tweaked normalises labels.
func (p *Printer) SetPageTitle(a vm.Args) int {
	title := peripheral.NormaliseLabel(a.OptString(1, ""))
	p.onPage(a, func(*term.Buffer) { p.title = title })
	return 0
}

// GetInkLevel is the ink left: pages that can still be started.
func (p *Printer) GetInkLevel(a vm.Args) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return a.Return(lua.LNumber(p.ink))
}

// GetPaperLevel is the paper left.
func (p *Printer) GetPaperLevel(a vm.Args) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return a.Return(lua.LNumber(p.paper))
}

// output writes the page being printed as a file and ends it. Called with
// p.mu held.
func (p *Printer) output() error {
	if err := os.MkdirAll(p.dir, 0o755); err != nil {
		return err
	}
	text := []byte(p.page.Text())
	for {
		p.pages++
		// Page numbers already used in the folder (by an earlier run or
		// another printer) are skipped: a printout is never overwritten.
		if used, _ := filepath.Glob(filepath.Join(p.dir, fmt.Sprintf("page-%04d*", p.pages))); len(used) > 0 {
			continue
		}
		name := filepath.Join(p.dir, fileName(p.pages, p.title))
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err != nil {
			return err
		}
		_, err = f.Write(text)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(name)
			return err
		}
		p.page = nil
		return nil
	}
}

// fileName is page-0001.txt, or page-0001-Title.txt for a titled page
// (characters a file name cannot safely hold become "_").
func fileName(n int, title string) string {
	safe := []byte(title)
	for i, c := range safe {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte(" -_.,()", c) >= 0) {
			safe[i] = '_'
		}
	}
	if t := strings.TrimSpace(string(safe)); t != "" {
		return fmt.Sprintf("page-%04d-%s.txt", n, t)
	}
	return fmt.Sprintf("page-%04d.txt", n)
}
