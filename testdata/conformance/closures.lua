-- Closures and recursion, tail calls, nested functions.
local function make_adder(n) return function(x) return x + n end end
local add5 = make_adder(5)
print(add5(10), make_adder(-1)(1))

local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print(fib(20))

local function tail(n, acc) if n == 0 then return acc end return tail(n - 1, acc + 1) end
print(tail(100000, 0))

local function even(n) if n == 0 then return true end local function odd(m) return not even(m) end return odd(n - 1) end
print(even(10), even(7))

-- deep recursion without tail calls
local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
print(depth(150))


-- functions as table values and self-reference
local obj = {}
function obj.f(x) return x * 2 end
function obj:g(x) return self.f(x) + 1 end
print(obj.f(3), obj:g(3), obj.g(obj, 4))

-- closures over loop vars used after the loop
local fs = {}
for i = 1, 3 do
  local function f() return i end
  fs[i] = f
end
print(fs[1](), fs[3]())

-- upvalues shared between nested closures and the creator
local function gen()
  local x = 0
  local function inc() x = x + 1 end
  local function get() return x end
  inc(); inc()
  return get, inc
end
local get, inc = gen()
inc()
print(get())

-- function identity
local function id() end
print(id == id, make_adder(1) == make_adder(1))

-- string.dump exists (but output not compared)
print(type(string.dump))
