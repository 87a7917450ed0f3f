package vm

import "testing"

// Lua 5.3's table.move, compared with lua5.3 when it is installed.
func TestTableMoveLua53(t *testing.T) {
	compareWith(t, "lua5.3", []string{
		`local t = table.move({1, 2, 3}, 1, 3, 2) out(t[1], t[2], t[3], t[4])`,
		`local t = table.move({1, 2, 3, 4, 5}, 2, 5, 1) out(t[1], t[2], t[3], t[4], t[5])`,
		`local t = table.move({1, 2, 3}, 1, 3, 3) out(t[1], t[2], t[3], t[4], t[5])`,
		`local a, b = {1, 2, 3}, {} local r = table.move(a, 1, 3, 2, b) out(r == b, b[1], b[2], b[3], b[4])`,
		`local a = {1, 2} out(table.move(a, 1, 0, 5) == a, a[5])`,
		`local a = {1, 2} out(table.move(a, 1, 2, 1) == a, a[1], a[2])`,
		`table.move(1, 1, 2, 1)`, `table.move({}, 1, 2)`, `table.move({}, "x", 2, 1)`, `table.move({}, 1, 2, 1, 5)`,
		`local log = {} local src = setmetatable({}, {__index = function(_, k) log[#log + 1] = "get" .. k return k * 10 end})
		 local dst = setmetatable({}, {__newindex = function(t, k, v) log[#log + 1] = "set" .. k rawset(t, k, v) end})
		 table.move(src, 1, 3, 1, dst) out(table.concat(log, " "), dst[1], dst[3])`,
		`local t = {1, 2, 3, 4, 5} table.move(t, 2, 4, 3) out(table.concat(t, ","))`,
		`local t = {1, 2, 3, 4, 5} table.move(t, 3, 5, 1) out(table.concat(t, ","))`,
		`local t = {1, 2, 3} table.move(t, 1, 3, -1) out(t[-1], t[0], t[1], t[2], t[3])`,
	}, nil)
}

// Lua 5.3's pairs/__pairs and ipairs/__index, which CC:Tweaked's Cobalt has.
func TestPairsIpairsLua53(t *testing.T) {
	compareWith(t, "lua5.3", []string{
		`for i, v in ipairs(setmetatable({}, {__index = function(t, i) if i < 4 then return i * 10 end end})) do out(i, v) end`,
		`for i, v in ipairs(setmetatable({1, nil, 3}, {__index = function(t, i) return i == 2 and "two" or nil end})) do out(i, v) end`,
		`local proxy = setmetatable({}, {__index = {"a", "b"}}) for i, v in ipairs(proxy) do out(i, v) end`,
		`for k, v in pairs(setmetatable({}, {__pairs = function(t) return function(_, k) if not k then return 1, "x" end end, t, nil end})) do out(k, v) end`,
		`local t = setmetatable({}, {__pairs = function(t) return 1, 2, 3, 4 end}) out(pairs(t))`,
		`out(pairs({}) == next)`,
		`for i, v in ipairs({1, 2, nil, 4}) do out(i, v) end`,
	}, nil)
}

// table.move's bounds are Cobalt's (Java ints), not lua5.3's 64-bit ones.
func TestTableMoveBounds(t *testing.T) {
	runCases(t, []luaCase{
		{name: "too many", src: `print(pcall(table.move, {}, -1, 2^31 - 1, 1))`,
			want: "false\tbad argument #3 to 'move' (too many elements to move)\n"},
		{name: "wrap around", src: `print(pcall(table.move, {}, 1, 2, 2^31 - 1))`,
			want: "false\tbad argument #4 to 'move' (destination wrap around)\n"},
		{name: "last fitting", src: `local t = table.move({7}, 1, 1, 2^31 - 1) print(t[2^31 - 1])`, want: "7\n"},
	})
}

// table.foreach and foreachi are Lua 5.0's, which Cobalt keeps: the
// callback's first non-nil result stops the walk and is returned.
func TestTableForeach(t *testing.T) {
	runCases(t, []luaCase{
		{name: "foreachi in order", src: `table.foreachi({"a", "b", "c"}, print)`, want: "1\ta\n2\tb\n3\tc\n"},
		{name: "foreachi stops at nil", src: `table.foreachi({1, 2, nil, 4}, print)`, want: "1\t1\n2\t2\n"},
		{name: "foreachi returns the first non-nil result",
			src:  `print(table.foreachi({5, 6, 7}, function(i, v) if v == 6 then return "found", i end end))`,
			want: "found\n"},
		{name: "foreachi returns nil at the end", src: `print(select("#", table.foreachi({}, print)))`, want: "1\n"},
		{name: "foreach visits every pair", src: `
			local n, sum = 0, 0
			print(table.foreach({10, 20, x = 30}, function(k, v) n = n + 1 sum = sum + v end))
			print(n, sum)`, want: "nil\n3\t60\n"},
		{name: "foreach returns the first non-nil result",
			src: `print(table.foreach({x = 1}, function(k, v) return k .. v end))`, want: "x1\n"},
		{name: "foreach bad arguments", src: `print(pcall(table.foreach, {}, 1)) print(pcall(table.foreachi, nil, print))`,
			want: "false\tbad argument #2 to 'foreach' (function expected, got number)\n" +
				"false\tbad argument #1 to 'foreachi' (table expected, got nil)\n"},
		{name: "yield inside foreach callbacks", src: `
			local co = coroutine.create(function()
				table.foreachi({"a", "b"}, function(i, v) coroutine.yield(i, v) end)
				table.foreach({x = 1}, function(k, v) coroutine.yield(k, v) end)
				local t = {3, 1, 2}
				table.sort(t, function(a, b) coroutine.yield("cmp") return a < b end)
				return table.concat(t, ",")
			end)
			while true do
				local res = table.pack(coroutine.resume(co))
				if coroutine.status(co) == "dead" then print("done", res[2]) break end
				if res[2] ~= "cmp" then print(res[2], res[3]) end
			end`, want: "1\ta\n2\tb\nx\t1\ndone\t1,2,3\n"},
	})
}

// Where CraftOS keeps Cobalt's behaviour rather than PUC 5.2's.
func TestLibsKeptFromCobalt(t *testing.T) {
	runCases(t, []luaCase{
		// Cobalt raises a non-string assert message as it is (5.2 refuses it
		// with "string expected").
		{name: "assert with a table message", src: `local ok, e = pcall(assert, false, {1}) print(ok, type(e), e[1])`,
			want: "false\ttable\t1\n"},
		// Cobalt keeps Lua 5.0's table.getn.
		{name: "table.getn", src: `print(table.getn({1, 2, 3}))`, want: "3\n"},
	})
}
