package vm

import "testing"

func TestGetInfoLevelsRunThroughPcall(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"own frame", `local function f() local i = debug.getinfo(1, "nSl") return i.short_src .. ":" .. i.currentline .. " " .. i.name .. " " .. i.what end local r = f() return r`,
			"test:1 f Lua"},
		{"main chunk and Go functions", `return debug.getinfo(1).what .. " " .. debug.getinfo(tostring).what .. " " .. debug.getinfo(tostring).short_src .. " " .. tostring(debug.getinfo(100))`,
			"main C [C] nil"},
		{"pcall's own level is C", `local function f() return debug.getinfo(2, "S").what end local _, w = pcall(f) return w`, "C"},
		{"past pcall to its caller", `local function f() return debug.getinfo(3, "l").currentline end
local function g()
  local _, line = pcall(f)
  return line
end
return g()`, "3"},
		{"cc.expect's pcall(debug.getinfo, 3)", `local function level3() return pcall(debug.getinfo, 3, "nS") end
local function checked() local ok, info = level3() return tostring(ok) .. " " .. info.what end
local r = checked()
return r`, "true Lua"},
		{"params", `local function f(a, b, ...) end local i = debug.getinfo(f, "u") return i.nparams .. tostring(i.isvararg)`, "2true"},
		{"parameter names", `local function f(alpha, beta) end return debug.getlocal(f, 1) .. debug.getlocal(f, 2) .. tostring(debug.getlocal(f, 3))`, "alphabetanil"},
		{"registry is one table", `local r = debug.getregistry() r.mine = 1 return type(r) .. debug.getregistry().mine`, "table1"},
		{"locals of a level", `local function f() local x = 42 local name, value = debug.getlocal(1, 1) return name .. value end local r = f() return r`, "x42"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := runChunk(t, c.src); got != c.want {
				t.Fatalf("got %q, want %q", got, c.want)
			}
		})
	}
}
