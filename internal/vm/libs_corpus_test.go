package vm

import "testing"

// libsCorpus: one-line cases over the base, string, table and math
// libraries, compared with lua5.2. A case without "out(" is an expression
// list wrapped as out(<case>).
var libsCorpus = []string{
	// ---- select ----
	`select('#')`, `select('#', nil, nil)`, `select(-1, 1, 2, 3)`, `select(-3, 1, 2, 3)`,
	`select(2, 'a', 'b', 'c')`, `select(5, 1, 2)`, `select(0)`, `select(-4, 1, 2, 3)`,
	`select('x')`, `select()`, `select(1.5, 'a', 'b')`, `select('2', 'a', 'b')`,
	// ---- tostring / tonumber ----
	`tonumber("10", 2), tonumber("ff", 16), tonumber("FF", 16), tonumber("zz", 36)`,
	`tonumber("8", 8), tonumber(" 11 ", 2), tonumber("-11", 2), tonumber("", 10)`,
	`tonumber("1", 1)`, `tonumber("1", 37)`, `tonumber(10, 16)`, `tonumber({}, 10)`,
	`tonumber("0x10"), tonumber("  0x1p4  "), tonumber("1e1"), tonumber("1e"), tonumber(".5")`,
	`tonumber(nil)`, `tonumber()`, `tonumber("10", 2.9)`, `tonumber("1.5", 10)`, `tonumber("7fffffff", 16)`,
	`tonumber("- 1", 10), tonumber("1 0", 10), tonumber("+1", 10)`,
	`tostring(1e100), tostring(-0.0), tostring(2^53), tostring(nil)`,
	`tostring()`,
	// ---- raw functions ----
	`rawequal(1, 1), rawequal({}, {}), rawequal("a", "a"), rawequal(1, "1")`,
	`rawequal(1)`, `rawget("x", 1)`, `rawget({}, nil)`, `rawget({10}, 1)`,
	`rawset({}, nil, 1)`, `rawset("x", 1, 2)`, `rawset({}, 0/0, 1)`, `rawlen({1, 2}), rawlen("abc")`, `rawlen(5)`,
	// ---- next / pairs / ipairs ----
	`next({}, "nope")`, `next({})`, `next({}, nil)`, `next()`, `next({10})`,
	`pairs()`, `ipairs()`, `ipairs(nil)`,
	`local n = 0 for k, v in pairs(setmetatable({}, {__pairs = function(t) return function(_, k) if not k then return 1, "x" end end, t, nil end})) do out(k, v) n = n + 1 end out(n)`,
	`for i, v in ipairs({1, 2, nil, 4}) do out(i, v) end`,
	// ---- metatables ----
	`getmetatable(setmetatable({}, {__metatable = "locked"}))`,
	`getmetatable("abc").__index == string`, `getmetatable(1)`, `getmetatable()`,
	`setmetatable(setmetatable({}, {__metatable = 1}), {})`,
	`setmetatable({}, 1)`, `setmetatable(1, {})`, `setmetatable({})`,
	// ---- assert / error ----
	`assert(false)`, `assert(nil, "msg")`, `assert(1, 2, 3)`, `assert()`,
	`local ok, e = pcall(assert, false, "m") out(ok, e)`, `assert(false, nil)`, `assert(1 == 1, "x")`,
	`assert(false, 42)`,
	`local ok, e = pcall(error) out(ok, e)`, `error()`, `error("x", 0)`, `error("x", 2)`, `error(setmetatable({}, {__tostring = function() return "T" end}))`,
	`local ok, e = pcall(error, {code = 1}) out(ok, type(e), e.code)`,
	// ---- collectgarbage ----
	`type(collectgarbage("count"))`, `collectgarbage("collect")`, `collectgarbage()`,
	`type(collectgarbage("step"))`, `collectgarbage("isrunning")`, `collectgarbage("bogus")`,
	// ---- type ----
	`type()`, `type(nil), type(print), type(coroutine.create(print))`,
	// ---- math ----
	`math.fmod(7, 3), math.fmod(-7, 3), math.fmod(7, -3), math.fmod(1, 0), math.fmod(5.5, 2)`,
	`math.modf(-3.5)`, `math.modf(3.5)`, `math.modf(1/0)`, `math.modf(-1/0)`, `math.modf(0/0)`, `math.modf(5)`,
	`math.abs(-0.0), math.abs(-3), 1/math.abs(-0.0)`,
	`math.max()`, `math.min()`, `math.max(1, 5, 3), math.min(4, -2, 9)`, `math.max("10", 9)`, `math.max(1, "x")`,
	`math.floor(2^60), math.ceil(2^60), math.floor(-2^60)`, `math.floor(0/0) ~= math.floor(0/0)`, `math.floor(1/0), math.ceil(-1/0)`,
	`math.floor(-3.5), math.ceil(-3.5), math.floor(3), math.ceil(3.2)`,
	`math.pi, math.huge, -math.huge`,
	`math.sqrt(16), math.sqrt(-1) ~= math.sqrt(-1), math.exp(0), math.log(1)`,
	`math.log(8, 2), math.log(100, 10), math.log(27, 3), math.log10(1000)`,
	`math.pow(2, 10), math.ldexp(1, 4), math.frexp(8)`, `math.frexp(0), math.frexp(-3)`,
	`math.sin(0), math.cos(0), math.tan(0), math.asin(1), math.acos(1), math.atan(1)`,
	`math.atan2(1, 1), math.atan2(-1, -1), math.sinh(0), math.cosh(0), math.tanh(0)`,
	`math.deg(math.pi), math.rad(180)`,
	`math.floor("3.7")`, `math.floor("x")`, `math.floor()`, `math.abs(nil)`,
	`math.random(5, 1)`, `math.random(0)`, `math.random(1, 2, 3)`, `math.random(-5)`,
	`local r = math.random() out(r >= 0 and r < 1)`, `local r = math.random(3) out(r >= 1 and r <= 3, r % 1)`,
	`local r = math.random(2.9) out(r >= 1 and r <= 3, r % 1)`, `local r = math.random(-3, -1) out(r >= -3 and r <= -1)`,
	`local r = math.random(1.5, 1.7) out(math.random(1, 1), r == 1.5 or r == 2.5)`, `math.random("x")`, `math.random(1, "y")`,
	`math.randomseed(42) local a = math.random(1000) math.randomseed(42) out(a == math.random(1000))`,
	`math.randomseed()`, `math.randomseed("x")`, `math.randomseed(1.5)`,
	// ---- string ----
	`string.byte("hello", -1), string.byte("hello", -3, -2), string.byte("hello", 10)`,
	`string.byte("hello", 0), string.byte(""), string.byte("abc", 2, 100)`,
	`string.sub("hello", -3), string.sub("hello", 2, -2), string.sub("hello", -100, 2), string.sub("hello", 0)`,
	`string.sub("hello", 4, 2), string.sub("hello", 6), string.sub("hello")`,
	`string.char(256)`, `string.char(-1)`, `string.char(72, 105), string.char()`, `string.char("65")`, `string.char("x")`,
	`string.rep("ab", 0), string.rep("ab", -1), string.rep("ab", 3), string.rep("ab", 3, ","), string.rep("x", 1, ",")`,
	`string.rep()`, `string.rep("x", 2.7)`,
	`string.len("abc"), string.len(""), string.len(123)`, `string.len()`,
	`string.upper("aBc1"), string.lower("AbC1"), string.reverse("abc"), string.reverse("")`,
	`string.format("%5.2f|%d|%s|%q", 3.14159, 42, "x", "a\nb")`,
	`("x"):rep(3), ("%d"):format(7), #("abc")`,
	// ---- table ----
	`table.concat({1, 2, 3}, ", "), table.concat({}), table.concat({1, 2}, nil, 2), table.concat({"a", "b", "c"}, "", 2, 3)`,
	`table.concat({{}})`, `table.concat({1, {}, 3})`, `table.concat({1, 2}, "", 1, 3)`, `table.concat({}, "", 2, 1)`, `table.concat()`,
	`table.concat({1, 2}, {})`, `table.concat({true})`,
	`local t = {1, 2, 3} table.insert(t, 4) out(table.concat(t, ","))`,
	`local t = {1, 2, 3} table.insert(t, 1, 0) out(table.concat(t, ","))`,
	`local t = {1, 2, 3} table.insert(t, 4, 9) out(table.concat(t, ","))`,
	`table.insert({1, 2, 3}, 5, 9)`, `table.insert({1, 2, 3}, 0, 9)`, `table.insert({}, -1, 9)`,
	`table.insert({}, 1, 2, 3)`, `table.insert({})`, `table.insert(nil, 1)`, `table.insert({}, "x", 1)`,
	`table.remove({}, 0)`, `table.remove({})`, `local t = {1, 2} out(table.remove(t, 3), #t)`,
	`local t = {1, 2} out(table.remove(t, 4))`, `local t = {1, 2, 3} out(table.remove(t, 1), table.concat(t, ","))`,
	`local t = {1, 2, 3} out(table.remove(t), table.concat(t, ","))`, `table.remove({}, -1)`, `table.remove({1}, 0)`,
	`local t = {[0] = "z"} out(table.remove(t, 0), t[0])`, `table.remove()`,
	`local t = {3, 1, 2} table.sort(t) out(table.concat(t, ","))`,
	`local t = {3, 1, 2} table.sort(t, function(a, b) return a > b end) out(table.concat(t, ","))`,
	`local t = {"b", "a", "c"} table.sort(t) out(table.concat(t, ","))`,
	`table.sort({1, "a", 2})`, `table.sort({1, nil, 3})`, `table.sort()`, `table.sort({}, 1)`,
	`local t = {} for i = 1, 100 do t[i] = (i * 37) % 101 end local ok = pcall(table.sort, t, function(a, b) return true end) out(ok)`,
	`local t = {} for i = 1, 20 do t[i] = 21 - i end table.sort(t, function(a, b) return a <= b end) out(t[1], t[20])`,
	`table.pack(1, nil, 3).n, table.pack().n`,
	`table.unpack({1, 2, 3}, 2), table.unpack({1, 2, 3}, -1, 1)`,
	`unpack({}, 2^31 - 1, 0)`, `unpack({[2^31 - 1] = 20}, 2^31 - 1, 2^31 - 1)`, `unpack({}, 1, 1e8)`,
	`unpack({}, -2^31, 2^31 - 1)`, `unpack({}, 1, 0)`, `unpack()`, `unpack({1, 2}, "2")`, `unpack({1, 2}, nil, 1)`,
	`select('#', unpack({}, 1, 3))`,
	`table.maxn({1, 2, [10] = 3})`, `table.setn`,
	// ---- string/number coercions in library calls ----
	`string.upper(12), math.floor("10"), ("10" + 1)`,
	`string.char(255, 0, 65):byte(1, -1)`, `math.random(0/0)`, `math.random(1, 0/0)`,
	`local r = math.random(1/0) out(r == 1/0 or r ~= r)`, `math.random(-1/0)`, `math.random(2^80, 2^80)`,
	`local t = setmetatable({}, {__len = function() return 2 end}) t[1] = "a" t[2] = "b" out(table.concat(t, ","), table.unpack(t))`,
	`local t = {} for i = 1, 500 do t[i] = (i * 7919) % 1000 end table.sort(t) local ok = true for i = 2, 500 do ok = ok and t[i - 1] <= t[i] end out(ok, t[1], t[500])`,
	`local t = {5, 3, 8, 1} table.sort(t, function(a, b) return a > b end) out(table.concat(t, " "))`,
	`local t = {{v = 2}, {v = 1}} table.sort(t) out(t[1].v)`,
	`local mt = {__lt = function(a, b) return a.v < b.v end} local t = {setmetatable({v = 2}, mt), setmetatable({v = 1}, mt)} table.sort(t) out(t[1].v)`,
	`local t = {"b", "a"} table.sort(t, nil) out(t[1])`,
	`local t = {} t[1] = 1 t[2] = 2 t[2^31 - 1] = 5 out(table.remove(t), #t)`,
	`local t = {1, 2, 3} table.insert(t, "2", "x") out(table.concat(t, ","))`,
	`local t = {1, 2, 3} table.insert(t, 2.7, "x") out(table.concat(t, ","))`,
	`local t = {n = 0} table.insert(t, 1) out(t[1], t.n)`,
	`next({1, 2}, 2), next({1, 2}, 1)`, `local t = {a = 1} t.a = nil out(pcall(next, t, "a"))`,
	`select(-1)`, `select(1)`, `select(2^40, 1)`, `select(-2^40, 1)`,
	`tostring(print):match("^function: ") ~= nil, tostring({}):match("^table: ") ~= nil`,
	`tonumber("z", 36), tonumber("Z", 36), tonumber("10", 36), tonumber("1e1", 16), tonumber("1.0", 2)`,
	`string.byte("abc", -10, 10)`, `string.sub("abc", 2^40), string.sub("abc", -2^40)`, `string.rep("ab", 2, 3)`,
	`getmetatable(setmetatable({}, {__metatable = false}))`, `type(setmetatable({}, nil))`,
	`math.max(0/0, 1) ~= math.max(0/0, 1), math.max(1, 0/0)`, `math.min(-0.0, 0.0)`,
	`math.fmod(-6, 4), math.fmod(6, -4), math.fmod(5, 1/0), math.fmod(1/0, 2) ~= math.fmod(1/0, 2)`,
	`math.ceil(-0.5), math.floor(-0.0), math.abs(-1/0)`,
	`math.ldexp(1, 1024), math.ldexp(3, -1)`, `math.frexp(1/0)`,
	`getmetatable("") == string, string.__index, math.mod, string.gfind, table.setn, table.foreachj`,
	`("abc"):upper(), ("x"):rep(2), #getmetatable("").__index.format("%d", 3)`,
}

func TestLibsCorpusPUC(t *testing.T) {
	if len(libsCorpus) < 150 {
		t.Fatalf("corpus has only %d cases", len(libsCorpus))
	}
	compareWithPUC(t, libsCorpus, nil)
}
