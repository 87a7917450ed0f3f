package spectest

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	lua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/parse"

	"github.com/craftos/craftos/internal/computer"
)

// Line coverage as lcov: the runner's line hook counts the lines each chunk
// ran; the files under test are the project's Lua files those chunks came
// from (the ROM and *_spec.lua files left out). A file's executable lines
// are the lines its compiled code has instructions on (as PUC's activelines),
// save each function's closing implicit return (an `end` line).

func writeCoverage(out, root string, s *Summary) error {
	hits := map[string]map[int]int{} // project-relative path -> line -> count
	for _, f := range s.Files {
		for chunk, lines := range f.coverage {
			rel, ok := underTest(root, chunk)
			if !ok {
				continue
			}
			m := hits[rel]
			if m == nil {
				m = map[int]int{}
				hits[rel] = m
			}
			for line, n := range lines {
				m[line] += n
			}
		}
	}
	files := make([]string, 0, len(hits))
	for rel := range hits {
		files = append(files, rel)
	}
	sort.Strings(files)
	cwd, _ := os.Getwd()
	var b bytes.Buffer
	for _, rel := range files {
		host := filepath.Join(root, filepath.FromSlash(rel))
		lines, err := executableLines(host)
		if err != nil {
			continue // it compiled in the computer; a file changed since
		}
		name := host
		if r, err := filepath.Rel(cwd, host); err == nil && !strings.HasPrefix(r, "..") {
			name = r
		}
		fmt.Fprintf(&b, "TN:\nSF:%s\n", name)
		found, hit := 0, 0
		for _, line := range lines {
			n := hits[rel][line]
			fmt.Fprintf(&b, "DA:%d,%d\n", line, n)
			found++
			if n > 0 {
				hit++
			}
		}
		fmt.Fprintf(&b, "LF:%d\nLH:%d\nend_of_record\n", found, hit)
	}
	if err := os.WriteFile(out, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("--coverage: %w", err)
	}
	return nil
}

// underTest maps a chunk name (without its "@") to a project file under
// test: a regular file in root, not in /rom, not a spec.
func underTest(root, chunk string) (string, bool) {
	rel := path.Clean(strings.TrimPrefix(chunk, "/"))
	if rel == "." || strings.HasPrefix(rel, "../") || rel == "rom" || strings.HasPrefix(rel, "rom/") || strings.HasSuffix(rel, Suffix) {
		return "", false
	}
	st, err := os.Stat(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil || !st.Mode().IsRegular() {
		return "", false
	}
	return rel, true
}

// executableLines compiles a file and lists the lines with code, sorted.
func executableLines(file string) ([]int, error) {
	src, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	chunk, err := parse.Parse(strings.NewReader(computer.BlankShebang(string(src))), file)
	if err != nil {
		return nil, err
	}
	proto, err := lua.Compile(chunk, file)
	if err != nil {
		return nil, err
	}
	set := map[int]bool{}
	var walk func(p *lua.FunctionProto)
	walk = func(p *lua.FunctionProto) {
		last := len(p.Code) - 1
		for i, line := range p.DbgSourcePositions {
			if i == last && int(p.Code[i]>>26) == lua.OP_RETURN {
				continue
			}
			if line > 0 {
				set[line] = true
			}
		}
		for _, child := range p.FunctionPrototypes {
			walk(child)
		}
	}
	walk(proto)
	lines := make([]int, 0, len(set))
	for line := range set {
		lines = append(lines, line)
	}
	sort.Ints(lines)
	return lines, nil
}
